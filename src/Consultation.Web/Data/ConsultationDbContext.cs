namespace Consultation.Web.Data;

using Consultation.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

public sealed class ConsultationDbContext(DbContextOptions<ConsultationDbContext> options)
    : IdentityDbContext<StaffUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Consultation> Consultations => Set<Consultation>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionOption> QuestionOptions => Set<QuestionOption>();
    public DbSet<ContentText> ContentTexts => Set<ContentText>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();
    public DbSet<StakeholderImport> StakeholderImports => Set<StakeholderImport>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<ResponseRevision> ResponseRevisions => Set<ResponseRevision>();
    public DbSet<PendingCompletion> PendingCompletions => Set<PendingCompletion>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<ConsultationMember> ConsultationMembers => Set<ConsultationMember>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();
    public DbSet<ReceivedEmail> ReceivedEmails => Set<ReceivedEmail>();
    public DbSet<SummaryExport> SummaryExports => Set<SummaryExport>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();

    /// <summary>Data Protection keys, shared by every node so cookies and antiforgery tokens survive restarts and load balancing.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ConsultationDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
