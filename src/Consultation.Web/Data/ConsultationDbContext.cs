using Consultation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Consultation.Web.Data;

public sealed class ConsultationDbContext(DbContextOptions<ConsultationDbContext> options) : DbContext(options)
{
    public DbSet<Domain.Consultation> Consultations => Set<Domain.Consultation>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionOption> QuestionOptions => Set<QuestionOption>();
    public DbSet<ContentText> ContentTexts => Set<ContentText>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConsultationDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
