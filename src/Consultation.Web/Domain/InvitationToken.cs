using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Consultation.Web.Domain;

/// <summary>A personal link's secret: 128 random bits, shown once in the link and stored only as a hash.</summary>
public static class InvitationToken
{
    public const int ByteLength = 16;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(ByteLength));

    /// <summary>
    /// A token derived from a secret, the same at every call: a named consultation's link (<see cref="InvitationLinkKey.TokenFor"/>),
    /// made again for each resend and reminder while only its hash is stored.
    /// </summary>
    public static string Derive(byte[] secret, string purpose) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(purpose)).AsSpan(0, ByteLength));

    /// <summary>The stored form; null when the text cannot be a token, so lookups of garbage cost nothing.</summary>
    public static byte[]? Hash(string token)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        return TryDecode(token, bytes) ? SHA256.HashData(bytes) : null;
    }

    /// <summary>
    /// Where a personal link's response is found: a second hash of the token, distinct from the invitation's, so that
    /// only someone holding the token can join an anonymous response to its invitation (the rows share no value).
    /// </summary>
    public static byte[]? ResponsePointer(string token)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        // Keyed by the canonical text of the bytes, which is what the pointers stored before spellings were checked hashed.
        return TryDecode(token, bytes)
            ? HMACSHA256.HashData(Encoding.UTF8.GetBytes("consultation response pointer"), Encoding.UTF8.GetBytes(Base64Url.EncodeToString(bytes)))
            : null;
    }

    /// <summary>
    /// The token's bytes, only from the spelling it was issued with: the decoder also takes padding, whitespace and unused
    /// low bits, and each such spelling of one link would otherwise open it as if it were another (its own draft, its own response).
    /// </summary>
    private static bool TryDecode(string token, Span<byte> bytes)
    {
        if (token.Length != Base64Url.GetEncodedLength(ByteLength) || !Base64Url.IsValid(token))
            return false;
        Span<byte> decoded = stackalloc byte[ByteLength + 2];
        if (!Base64Url.TryDecodeFromChars(token, decoded, out var written) || written != ByteLength)
            return false;
        Span<char> canonical = stackalloc char[token.Length];
        if (!Base64Url.TryEncodeToChars(decoded[..written], canonical, out var length) || !canonical[..length].SequenceEqual(token))
            return false;
        decoded[..written].CopyTo(bytes);
        return true;
    }
}
