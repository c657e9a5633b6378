namespace Consultation.Web.Infrastructure;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

/// <summary>The authorization policies, by name. Every page has one deliberately (a test walks them all).</summary>
public static class Policies
{
    public const string Admin = nameof(Admin);

    /// <summary>Platform organisers and admins: those who create consultations.</summary>
    public const string Creators = nameof(Creators);

    /// <summary>Whoever organises something: platform organisers, admins, and organisers on any consultation's team.</summary>
    public const string Organisers = nameof(Organisers);

    /// <summary>Platform analysts, admins, and analysts on any consultation's team.</summary>
    public const string Analysts = nameof(Analysts);

    /// <summary>Organisers of the consultation in the route (<c>{consultationId}</c>), and admins.</summary>
    public const string ConsultationOrganiser = nameof(ConsultationOrganiser);

    /// <summary>Analysts and organisers of the consultation in the route, and admins.</summary>
    public const string ConsultationAnalyst = nameof(ConsultationAnalyst);

    /// <summary>Every member of the consultation in the route (organisers, analysts, translators), and admins.</summary>
    public const string ConsultationMember = nameof(ConsultationMember);
    /// <summary>
    /// Translators and organisers of the consultation in the route, and admins. Which languages a translator may
    /// edit is the page's to check: the policy sees only the consultation.
    /// </summary>
    public const string ConsultationTranslator = nameof(ConsultationTranslator);

    public static void Add(AuthorizationOptions options)
    {
        // Signed in everywhere unless a page says otherwise: a page added without a policy is private.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRole(StaffRoles.Admin));
        options.AddPolicy(Creators, p => p.RequireRole(StaffRoles.Admin, StaffRoles.Organiser));
        // The lists (and the staff menu, which asks these policies) follow memberships: being put on a team never
        // gives a platform role, which only admins change.
        options.AddPolicy(Organisers, p => p.AddRequirements(new RoleOrMembershipRequirement([StaffRoles.Admin, StaffRoles.Organiser], MemberRole.Organiser)));
        options.AddPolicy(Analysts, p => p.AddRequirements(new RoleOrMembershipRequirement([StaffRoles.Admin, StaffRoles.Analyst], MemberRole.Analyst)));
        options.AddPolicy(ConsultationOrganiser, p => p.AddRequirements(new ConsultationMemberRequirement(MemberRole.Organiser)));
        options.AddPolicy(ConsultationAnalyst, p => p.AddRequirements(new ConsultationMemberRequirement(MemberRole.Analyst, MemberRole.Organiser)));
        options.AddPolicy(ConsultationMember, p => p.AddRequirements(new ConsultationMemberRequirement(Enum.GetValues<MemberRole>())));
        options.AddPolicy(ConsultationTranslator, p => p.AddRequirements(new ConsultationMemberRequirement(MemberRole.Translator, MemberRole.Organiser)));
    }
}

/// <summary>The person is a member of the route's consultation in one of these roles (admins always are).</summary>
public sealed class ConsultationMemberRequirement(params MemberRole[] roles) : IAuthorizationRequirement
{
    public IReadOnlyList<MemberRole> Roles { get; } = roles;
}

public sealed class ConsultationMemberHandler(ConsultationDbContext db) : AuthorizationHandler<ConsultationMemberRequirement>
{
    public const string RouteKey = "consultationId";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ConsultationMemberRequirement requirement)
    {
        if (context.User.IsInRole(StaffRoles.Admin))
        {
            context.Succeed(requirement);
            return;
        }
        if (context.Resource is not HttpContext http
            || !Guid.TryParse(http.GetRouteValue(RouteKey) as string, out var consultationId)
            || context.User.StaffUserId() is not { } userId)
            return;
        var roles = requirement.Roles.ToList();
        if (await db.ConsultationMembers.AnyAsync(m => m.ConsultationId == consultationId && m.UserId == userId && roles.Contains(m.Role), http.RequestAborted))
            context.Succeed(requirement);
    }
}

/// <summary>The person has one of these platform roles, or is on some consultation's team in this member role.</summary>
public sealed class RoleOrMembershipRequirement(IReadOnlyList<string> platformRoles, MemberRole memberRole) : IAuthorizationRequirement
{
    public IReadOnlyList<string> PlatformRoles { get; } = platformRoles;
    public MemberRole MemberRole { get; } = memberRole;
}

public sealed class RoleOrMembershipHandler(ConsultationDbContext db) : AuthorizationHandler<RoleOrMembershipRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleOrMembershipRequirement requirement)
    {
        if (requirement.PlatformRoles.Any(context.User.IsInRole))
        {
            context.Succeed(requirement);
            return;
        }
        if (context.User.StaffUserId() is not { } userId)
            return;
        var role = requirement.MemberRole;
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (await db.ConsultationMembers.AnyAsync(m => m.UserId == userId && m.Role == role, cancellationToken))
            context.Succeed(requirement);
    }
}
