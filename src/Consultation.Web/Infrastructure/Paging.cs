namespace Consultation.Web.Infrastructure;

/// <summary>
/// Page numbers taken from a query string, bounded: whatever is typed in the address, the offset it gives fits the
/// database's (a number past the end is an empty page, never a server error).
/// </summary>
public static class Paging
{
    public static int Number(int requested, int pageSize) => Math.Clamp(requested, 1, int.MaxValue / pageSize);

    public static int Offset(int number, int pageSize) => (Number(number, pageSize) - 1) * pageSize;
}
