namespace Consultation.Tests.Localization;

using System.Globalization;
using Consultation.Tests.Support;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

public sealed class IdentityMessagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("fr")]
    [InlineData("sw")]
    public async Task IdentityErrors_ComeInThePersonsLanguage(string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var result = await users.CreateAsync(new StaffUser { UserName = "short@example.org", Email = "short@example.org" }, "short");
            Assert.Contains(Localized.Text(language, "Your password must be at least {0} characters long.", 12), result.Errors.Select(e => e.Description));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
