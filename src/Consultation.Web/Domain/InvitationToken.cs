using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Consultation.Web.Domain;

/// <summary>A personal link's secret: 128 random bits, shown once in the link and stored only as a hash.</summary>
public static class InvitationToken
{
    public const int ByteLength = 16;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>A token derived from a secret, so that a demo can print the same links at every start.</summary>
    public static string Derive(byte[] secret, string purpose) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose)).AsSpan(0, ByteLength));

    /// <summary>The stored form; null when the text cannot be a token, so lookups of garbage cost nothing.</summary>
    public static byte[]? Hash(string token)
    {
        if (token.Length is < 20 or > 24)
            return null;
        Span<byte> bytes = stackalloc byte[18];
        if (!Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != ByteLength)
            return null;
        return SHA256.HashData(bytes[..written]);
    }

    /// <summary>
    /// Where a personal link's response is found: a second hash of the token, distinct from the invitation's, so that
    /// only someone holding the token can join an anonymous response to its invitation (the rows share no value).
    /// </summary>
    public static byte[]? ResponsePointer(string token) =>
        Hash(token) is { } _ ? HMACSHA256.HashData(Encoding.UTF8.GetBytes("consultation response pointer"), Encoding.UTF8.GetBytes(token)) : null;
}
