namespace Consultation.Tests.Jobs;

/// <summary>Tests that run real Hangfire servers take turns: each server polls the database and starts workers.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobServers
{
    public const string Name = "Job servers";
}
