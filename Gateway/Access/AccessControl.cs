using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Gateway.Access;

/// <summary>JWT bearer authentication for the gateway's services, when <see cref="AccessOptions"/> turns it on.</summary>
public static class AccessControl
{
    public static AccessOptions AddAccessControl(this WebApplicationBuilder builder)
    {
        var access = AccessOptions.From(builder.Configuration);
        builder.Services.AddSingleton(access);
        if (!access.On)
            return access;
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            // The token's own claim names (sub, role), not the SOAP-era URIs the handler maps them to by default.
            bearer.MapInboundClaims = false;
            bearer.Authority = access.Authority;
            bearer.Audience = access.Audience;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                IssuerSigningKey = access.SigningKey,
                ValidIssuer = access.Issuer,
                ValidateIssuer = access.Issuer is not null || access.Authority is not null,
                ValidAudience = access.Audience,
                ValidateAudience = access.Audience is not null,
                // Clocks kept by NTP differ by far less than the handler's default of five minutes,
                // which kept an expired token (a customer's session ended, a courier let go) working
                // five minutes longer.
                ClockSkew = AccessOptions.ClockSkew,
                NameClaimType = Caller.SubjectClaim,
                RoleClaimType = Caller.RoleClaim,
            };
        });
        builder.Services.AddAuthorization();
        return access;
    }

    /// <summary>The services answer only calls with a valid token; health, reflection and the OpenAPI document stay open.</summary>
    public static TBuilder ForCallers<TBuilder>(this TBuilder endpoints, AccessOptions access) where TBuilder : IEndpointConventionBuilder =>
        access.On ? endpoints.RequireAuthorization() : endpoints;
}
