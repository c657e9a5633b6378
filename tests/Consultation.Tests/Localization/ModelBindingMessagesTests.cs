namespace Consultation.Tests.Localization;

using System.Globalization;
using Consultation.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

public sealed class ModelBindingMessagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("fr")]
    [InlineData("ja")]
    public void FrameworkBindingMessages_AreInTheRequestLanguage(string language)
    {
        var messages = app.Services.GetRequiredService<IOptions<MvcOptions>>().Value.ModelBindingMessageProvider;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            Assert.Equal(Localized.Text(language, "The value '{0}' is not valid.", "abc"), messages.NonPropertyAttemptedValueIsInvalidAccessor("abc"));
            Assert.Equal(Localized.Text(language, "A value is required."), messages.MissingKeyOrValueAccessor());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
