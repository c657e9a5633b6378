using Consultation.Web;
using Consultation.Web.Demo;
using Consultation.Web.Infrastructure;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;
using System.Text.Encodings.Web;
using System.Text.Unicode;

var builder = WebApplication.CreateBuilder(args);

builder.AddConsultationDatabase();
builder.Services.AddSingleton(TimeProvider.System);
// Pages carry every script as characters rather than entities: smaller, and readable in tests and sources.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddConsultationLocalization();
builder.Services.AddRazorPages(options =>
    {
        // A personal link opens the same pages as the public one.
        options.Conventions.AddPageRoute("/Respond/Landing", "r/{token}");
        options.Conventions.AddPageRoute("/Respond/Answer", "r/{token}/answer");
        options.Conventions.AddPageRoute("/Respond/ThankYou", "r/{token}/thank-you");
    })
    .AddMvcOptions(o => o.Filters.Add<UnreadableFormFilter>())
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
    LocalizationSetup.LocalizeModelBinding(o.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));

var app = builder.Build();
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

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/status/500");
// Localization runs before the status pages so that an error page re-executed for a link keeps the link's language.
app.UseRequestLocalization();
app.Use((context, next) => LanguageChoice.RememberFromQuery(context, next));
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseRouting();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

if (demo is not null && !app.Environment.IsEnvironment("Testing"))
    app.Lifetime.ApplicationStarted.Register(() => DemoBanner.Print(app, demo));

await app.RunAsync();

public partial class Program;
