namespace Consultation.Web.Pages.Respond;

/// <summary>What the respondent pages use besides the database: how links are read, their caches and limits.</summary>
public static class RespondentServices
{
    public static IServiceCollection AddRespondentPages(this IServiceCollection services)
    {
        services.AddScoped<RespondentLinks>();
        services.AddScoped<DraftFiles>();
        services.AddScoped<ResumeLinkSender>();
        services.AddSingleton<ResumeEmailLimit>();
        // Each cache can be turned off, only to measure what it saves (docs/performance.md).
        services.AddSingleton(sp => new QuestionnaireCache
        {
            Enabled = sp.GetRequiredService<IConfiguration>().GetValue("Respondents:CacheQuestionnaires", true),
        });
        services.AddSingleton(sp => new ConsultationStateCache(sp.GetRequiredService<TimeProvider>())
        {
            Enabled = sp.GetRequiredService<IConfiguration>().GetValue("Respondents:CacheLinkStates", true),
        });
        services.AddSingleton(sp => new BlankPageCache(
            sp.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(), sp.GetRequiredService<System.Text.Encodings.Web.HtmlEncoder>())
        {
            Enabled = sp.GetRequiredService<IConfiguration>().GetValue("Respondents:CacheBlankPages", true),
        });
        return services;
    }
}
