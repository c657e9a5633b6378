namespace Consultation.Web.Email;

public static class EmailSetup
{
    public static WebApplicationBuilder AddConsultationEmail(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(EmailOptions.Section);
        builder.Services.Configure<EmailOptions>(section);
        builder.Services.AddSingleton<SmtpEndpoint>();
        builder.Services.AddScoped<DeliveryPause>();
        builder.Services.AddScoped<Outbox>();
        builder.Services.AddScoped<SmtpSender>();
        builder.Services.AddScoped<InvitationDelivery>();
        builder.Services.AddSingleton<ReturnPath>();
        builder.Services.AddScoped<Bounces>();
        var options = section.Get<EmailOptions>() ?? new EmailOptions();
        // Only the demo catches its own mail: a production node without SMTP settings keeps messages queued
        // rather than quietly storing them (answers included) in the database.
        var demo = builder.Configuration.GetValue("Demo:Seed", builder.Environment.IsDevelopment());
        var inProcess = options.InProcessServer
            ?? (string.IsNullOrWhiteSpace(options.Smtp.Host) && demo && !builder.Environment.IsEnvironment("Testing"));
        if (inProcess)
        {
            builder.Services.AddSingleton<InProcessSmtpServer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessSmtpServer>());
        }
        return builder;
    }
}
