namespace Consultation.Tests.Architecture;

using NetArchTest.Rules;

/// <summary>
/// The "never" lines of docs/architecture.md, checked on the compiled application: a change that breaks one fails here,
/// naming the types that broke it.
/// </summary>
public sealed class ArchitectureTests
{
    private const string App = "Consultation.Web";

    private static void AssertNone(string folder, params string[] forbidden)
    {
        var result = Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{App}.{folder}")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful,
            $"{folder} must not use {string.Join(", ", forbidden)}; these types do:\n" + string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void TheDomain_KnowsNoDatabase_NoWebFramework_NoInterfaceWording_AndNoOtherFolder()
    {
        AssertNone("Domain", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "Hangfire", "ClosedXML", "MailKit",
            "Microsoft.Extensions.Localization", $"{App}.Localization",
            $"{App}.Data", $"{App}.Pages", $"{App}.Infrastructure", $"{App}.Jobs", $"{App}.Email", $"{App}.Exports", $"{App}.Demo");
    }

    [Fact]
    public void Exports_BuildWorkbooksFromData_WithNoDatabaseFileOrNetwork()
    {
        AssertNone("Exports", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "System.Net", "System.IO.File", "System.IO.Directory",
            $"{App}.Data", $"{App}.Pages", $"{App}.Jobs", $"{App}.Email", $"{App}.Infrastructure");
    }

    [Fact]
    public void Jobs_KnowNoPage()
    {
        AssertNone("Jobs", $"{App}.Pages", "Microsoft.AspNetCore.Mvc");
    }

    [Fact]
    public void Email_KnowsNoPageAndNoJob()
    {
        AssertNone("Email", $"{App}.Pages", "Microsoft.AspNetCore.Mvc", $"{App}.Jobs");
    }

    [Theory]
    [InlineData("Data")]
    [InlineData("Localization")]
    [InlineData("Demo")]
    public void TheFoldersBeneathThePages_KnowNoPage(string folder)
    {
        AssertNone(folder, $"{App}.Pages", "Microsoft.AspNetCore.Mvc.RazorPages");
    }

    [Fact]
    public void TheRulesSeeTheApplication_SoThatAnEmptyFolderCannotPassThem()
    {
        foreach (var folder in new[] { "Domain", "Exports", "Jobs", "Email", "Data", "Localization", "Demo" })
            Assert.NotEmpty(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{App}.{folder}").GetTypes());
        // And a rule that is broken is seen broken: the pages do use the database.
        Assert.False(Types.InAssembly(typeof(Program).Assembly).That().ResideInNamespace($"{App}.Pages")
            .ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult().IsSuccessful);
    }
}
