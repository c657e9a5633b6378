# Consultation web node. Build: docker build -t consultation .   (docker-compose.yml uses it)
# Configure with ConnectionStrings__Consultation (PostgreSQL 14+); the image holds no PostgreSQL of its own.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the files that decide it, so that a source change reuses the restored layer.
# (.editorconfig is needed by the build: it sets the analyzer rules, warnings being errors.)
# Only the web project is restored and published: the test project's packages (Playwright, ...) stay out.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Consultation.Web/Consultation.Web.csproj src/Consultation.Web/
RUN dotnet restore src/Consultation.Web/Consultation.Web.csproj

# UI strings (locales/) are embedded into the web assembly at build time.
COPY locales/ locales/
COPY src/ src/
RUN dotnet publish src/Consultation.Web/Consultation.Web.csproj \
        --configuration Release --no-restore --output /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The default aspnet images ship ICU and tzdata: cultures (fr, ja, ko, sw, ...) and time zones work.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false \
    DOTNET_NOLOGO=1

COPY --from=build /app ./

# The non-root account the .NET images provide ("app", uid in $APP_UID).
USER $APP_UID
EXPOSE 8080

# No HEALTHCHECK: the image has no curl or wget. Probe GET /health (ready) and /health/live from outside.
ENTRYPOINT ["dotnet", "Consultation.Web.dll"]
