namespace Consultation.Web.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

/// <summary>Lets <c>dotnet ef</c> build the model without starting the app or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ConsultationDbContext>
{
    public ConsultationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ConsultationDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=consultation")
            .UseSnakeCaseNamingConvention()
            .Options);
}
