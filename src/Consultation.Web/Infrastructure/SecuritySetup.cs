namespace Consultation.Web.Infrastructure;

using System.Globalization;
using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

public static class SecuritySetup
{
    public const string SignInPath = "/account/sign-in";

    public static IServiceCollection AddConsultationSecurity(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("Consultation")
            .PersistKeysToDbContext<ConsultationDbContext>();

        services.AddIdentity<StaffUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): a long passphrase is strong without symbols.
                o.Password.RequiredLength = 12;
                o.Password.RequiredUniqueChars = 5;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireDigit = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                // No lockout after failures: it let anyone lock staff out by guessing. SignInThrottle slows guessing per
                // (account, address) instead. Identity's lockout fields now only mark disabled accounts (StaffUser.IsDisabled).
                o.Lockout.AllowedForNewUsers = false;
                // An invitation's link to set a password lasts days, on the app's clock; other tokens keep Identity's defaults.
                o.Tokens.PasswordResetTokenProvider = SetPasswordTokenProvider.Name;
            })
            .AddEntityFrameworkStores<ConsultationDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<SetPasswordTokenProvider>(SetPasswordTokenProvider.Name);

        // Checking the security stamp on every request makes a copied cookie stop working at sign-out.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "consultation.staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Eight idle hours end a session; twelve hours after signing in it ends however busy it has been.
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            AddAbsoluteLifetime(o.Events);
            o.LoginPath = SignInPath;
            o.LogoutPath = "/account/sign-out";
            // A signed-in person without the right gets a plain 403, explained by the status page, not a redirect.
            // (Events are amended, not replaced: Identity's security-stamp check hangs on them.)
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.Section);
        services.AddSingleton<SignInThrottle>();

        services.AddAuthorization(Policies.Add);
        services.AddScoped<IAuthorizationHandler, ConsultationMemberHandler>();
        services.AddScoped<IAuthorizationHandler, RoleOrMembershipHandler>();
        return services;
    }

    /// <summary>How long a staff session lasts at most, counted from signing in: renewals never extend it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private const string SignedInAtKey = "consultation.signed-in-at";

    /// <summary>
    /// The moment of signing in is written into the ticket once; every request checks it before the security stamp.
    /// Refreshing the sign-in (after a password change) passes the ticket's items on, so it keeps the first moment.
    /// A cookie without the moment (issued before this check existed) is ended too.
    /// </summary>
    private static void AddAbsoluteLifetime(CookieAuthenticationEvents events)
    {
        var signingIn = events.OnSigningIn;
        events.OnSigningIn = context =>
        {
            if (!context.Properties.Items.ContainsKey(SignedInAtKey))
                context.Properties.Items[SignedInAtKey] = Now(context.HttpContext).ToString("O", CultureInfo.InvariantCulture);
            return signingIn(context);
        };
        var validate = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            var signedInAt = context.Properties.Items.TryGetValue(SignedInAtKey, out var value)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : (DateTimeOffset?)null;
            if (signedInAt is null || Now(context.HttpContext) - signedInAt >= SessionLifetime)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await validate(context);
        };
    }

    private static DateTimeOffset Now(HttpContext context) => context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    public static string? RemoteAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
