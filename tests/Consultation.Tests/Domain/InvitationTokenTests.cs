namespace Consultation.Tests.Domain;

using Consultation.Web.Domain;

/// <summary>A token has one spelling: the one it was issued with. Any other spelling of the same bytes is not a token.</summary>
public sealed class InvitationTokenTests
{
    public static IEnumerable<string> OtherSpellings(string token) =>
    [
        token + "==",
        token + "=",
        token + " ",
        token + "\t",
        " " + token,
        token[..10] + "\n" + token[10..],
        token[..10] + " " + token[10..],
        // The last character of 16 bytes carries two bits; the four unused ones set give the same bytes.
        token[..^1] + LastCharacterWithUnusedBitsSet(token[^1]),
        // Not base64 at all, of the right length.
        "!" + token[1..],
        token[..^2] + "==",
    ];

    private static char LastCharacterWithUnusedBitsSet(char last)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return alphabet[alphabet.IndexOf(last, StringComparison.Ordinal) | 0b1111];
    }

    [Fact]
    public void ATokenAsIssued_HasAHashAndAResponsePointer()
    {
        var token = InvitationToken.New();
        Assert.NotNull(InvitationToken.Hash(token));
        Assert.NotNull(InvitationToken.ResponsePointer(token));
    }

    [Fact]
    public void EveryOtherSpellingOfTheSameBytes_IsNotAToken()
    {
        var token = "AAECAwQFBgcICQoLDA0ODw";
        Assert.NotNull(InvitationToken.Hash(token));
        foreach (var spelling in OtherSpellings(token))
        {
            Assert.Null(InvitationToken.Hash(spelling));
            Assert.Null(InvitationToken.ResponsePointer(spelling));
        }
    }

    [Fact]
    public void TheResponsePointer_OfATokenAsIssued_IsTheOneStoredBeforeTokensWereCheckedForTheirSpelling()
    {
        // Drafts already saved were found by an HMAC of the token's text: the canonical text of the bytes is that text.
        var token = "AAECAwQFBgcICQoLDA0ODw";
        var before = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("consultation response pointer"), System.Text.Encoding.UTF8.GetBytes(token));
        Assert.Equal(before, InvitationToken.ResponsePointer(token));
    }
}
