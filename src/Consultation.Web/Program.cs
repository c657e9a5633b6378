using Consultation.Web;
using Consultation.Web.Demo;
using Consultation.Web.Email;
using Consultation.Web.Jobs;
using Hangfire;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Consultation.Web.Pages.Respond;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

var builder = WebApplication.CreateBuilder(args);

builder.AddConsultationDatabase();
builder.AddConsultationJobs();
builder.AddConsultationEmail();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Consultation.Web.Infrastructure.StaffAudit>();
builder.Services.AddRespondentPages();
builder.Services.AddInvitationLinks();
// Pages carry every script as characters rather than entities: smaller, and readable in tests and sources.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddConsultationLocalization();
builder.Services.AddConsultationSecurity();
builder.Services.AddConsultationTransport();
builder.Services.AddConsultationRateLimits();
builder.Services.AddRazorPages(options =>
    {
        // A personal link opens the same pages as the public one.
        // A personal link and a public link's resume link open the same pages as the public one.
        options.Conventions.AddPageRoute("/Respond/Landing", "r/{token}");
        options.Conventions.AddPageRoute("/Respond/Print", "r/{token}/print");
        foreach (var (page, path) in new[] { ("Answer", "answer/{section:int?}"), ("Review", "review"), ("ThankYou", "thank-you"), ("MyAnswers", "my-answers") })
        {
            options.Conventions.AddPageRoute($"/Respond/{page}", $"r/{{token}}/{path}");
            options.Conventions.AddPageRoute($"/Respond/{page}", $"c/{{slug}}/resume/{{resume}}/{path}");
        }
        options.Conventions.AddPageRoute("/Respond/Landing", "c/{slug}/resume/{resume}");
        options.Conventions.AddFolderApplicationModelConvention("/Respond", model => model.Filters.Add(new Consultation.Web.Pages.Respond.NotStoredFilter()));

        // Every page's access, deliberately (Tests/Pages/AccessMatrixTests walks them all). Anything not
        // named here falls to the fallback policy: signed-in staff only.
        options.Conventions.AllowAnonymousToFolder("/Respond");
        options.Conventions.AllowAnonymousToPage("/Index");
        options.Conventions.AllowAnonymousToPage("/Status");
        options.Conventions.AllowAnonymousToPage("/Account/SignIn");
        options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
        options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
        options.Conventions.AuthorizePage("/Organise/Index", Policies.Organisers);
        options.Conventions.AuthorizePage("/Organise/Overview/Consultation", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Questionnaire/Questionnaire", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Questionnaire/Section", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Questionnaire/Question", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Team/Team", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Publish/Publish", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Settings/New", Policies.Creators);
        options.Conventions.AuthorizePage("/Organise/Settings/Settings", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Emails/Emails", Policies.ConsultationOrganiser);
        // Inviting reads the registry through StakeholderRegistry.Visible, as the registry's pages do.
        options.Conventions.AuthorizePage("/Organise/Invitations/Invite", Policies.ConsultationOrganiser);
        options.Conventions.AuthorizePage("/Organise/Preview/Preview", Policies.ConsultationMember);
        options.Conventions.AuthorizePage("/Organise/Preview/TestResponses", Policies.ConsultationOrganiser);
        // Translators reach these two pages of their consultation; the editor itself refuses languages not theirs.
        options.Conventions.AuthorizePage("/Organise/Translations/Translations", Policies.ConsultationTranslator);
        options.Conventions.AuthorizePage("/Organise/Translations/Translation", Policies.ConsultationTranslator);
        // The history names colleagues and every change to the team and the schedule: organisers' business. Analysts
        // learn what changed in the questionnaire from its versions, translators from their texts.
        options.Conventions.AuthorizePage("/Organise/History/History", Policies.ConsultationOrganiser);
        // Who was invited, and what became of it: organisers' business, as the sending is.
        options.Conventions.AuthorizeFolder("/Organise/Invitations", Policies.ConsultationOrganiser);
        // The registry is shared by every consultation: those who create consultations, not organisers by membership alone.
        options.Conventions.AuthorizeFolder("/Organise/Stakeholders", Policies.Creators);
        options.Conventions.AuthorizePage("/Analyse/Index", Policies.Analysts);
        options.Conventions.AuthorizePage("/Analyse/Results/Consultation", Policies.ConsultationAnalyst);
    })
    .AddMvcOptions(o => o.Filters.Add<UnreadableFormFilter>())
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
    LocalizationSetup.LocalizeModelBinding(o.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));

var app = builder.Build();
if (CreateAdminCommand.IsRequested(args))
{
    Environment.ExitCode = await CreateAdminCommand.RunAsync(app, args);
    return;
}
DemoSeed? demo;
try
{
    demo = await app.PrepareDatabaseAsync();
}
catch (PostgresNotFoundException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    Environment.ExitCode = 1;
    return;
}

app.UseConsultationTransport();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/status/500");
// Localization runs before the status pages so that an error page re-executed for a link keeps the link's language.
app.UseRequestLocalization();
app.Use((context, next) => LanguageChoice.RememberFromQuery(context, next));
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseRouting();
// After routing: each limit is a named policy on the endpoints it guards (see RateLimits).
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseWhen(AccountLanguage.IsPicked, picked => picked.UseMiddleware<AccountLanguage>());

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
// Under the fallback policy static files would need sign-in too; the respondent pages need them anonymously.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();
app.MapHangfireDashboard(JobsSetup.DashboardPath, new DashboardOptions
{
    Authorization = [new AdminDashboardAuthorization()],
    AppPath = "/admin",
    DisplayStorageConnectionString = false,
}, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.Admin);
if (JobsSetup.RunsServer(app.Configuration, app.Environment))
    RecurringJobs.Register(app.Services.GetRequiredService<IRecurringJobManager>());

// Only where people wait for pages: in tests, every host warming the same list costs the others CPU.
if (!app.Environment.IsEnvironment("Testing"))
    app.Lifetime.ApplicationStarted.Register(() => ThreadPool.QueueUserWorkItem(_ => ContentLanguages.Warm()));
if (demo is not null && !app.Environment.IsEnvironment("Testing"))
    app.Lifetime.ApplicationStarted.Register(() => DemoBanner.Print(app, demo));

await app.RunAsync();

public partial class Program;
