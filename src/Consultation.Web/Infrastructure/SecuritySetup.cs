using Consultation.Web.Data;
using Consultation.Web.Domain;
using Consultation.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Consultation.Web.Infrastructure;

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
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
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

    public static string? RemoteAddress(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
