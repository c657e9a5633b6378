namespace Consultation.Web.Jobs;

using Consultation.Web.Data;
using Consultation.Web.Domain;
using Hangfire.Dashboard;

/// <summary>
/// The job dashboard is for admins. Its default lets in every local request, which behind a reverse proxy on
/// the same host is everyone; the endpoint's Admin policy already decides, and this repeats it.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(StaffRoles.Admin);
}
