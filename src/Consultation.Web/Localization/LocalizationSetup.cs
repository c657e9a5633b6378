namespace Consultation.Web.Localization;

using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

public static class LocalizationSetup
{
    public static IServiceCollection AddConsultationLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(UiLanguages.Default);
            options.SupportedCultures = UiLanguages.Cultures;
            options.SupportedUICultures = UiLanguages.Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The person's pick, then the invitation's language, then the browser's, then the consultation's default.
            options.RequestCultureProviders =
            [
                new ChosenLanguageProvider(),
                new InvitationLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
                new ConsultationLanguageProvider(),
            ];
        });
        return services;
    }

    /// <summary>Localizes the framework's own model-binding messages, which DataAnnotations localization does not reach.</summary>
    public static void LocalizeModelBinding(DefaultModelBindingMessageProvider messages, IStringLocalizer s)
    {
        messages.SetValueIsInvalidAccessor(value => s["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => s["The field {0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => s["A value is required."]);
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => s["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => s["A value for {0} was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => s["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => s["A non-empty request body is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => s["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => s["The value is not valid."]);
        messages.SetUnknownValueIsInvalidAccessor(field => s["The value for {0} is not valid.", field]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => s["The field must be a number."]);
    }
}
