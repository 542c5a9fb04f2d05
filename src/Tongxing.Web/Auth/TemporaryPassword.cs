using System.Security.Cryptography;

namespace Tongxing.Web.Auth;

/// <summary>
/// A one-time password set by the system (the first administrator, a reset): 16 characters from a cryptographic source,
/// with an upper- and lower-case letter, a digit and a symbol, so Identity's rules accept it. Letters that read alike
/// (O/0, l/1/I) are left out: the password is read off a screen and typed by hand.
/// </summary>
public static class TemporaryPassword
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "@#%+=!?";
    private const int Length = 16;

    public static string New()
    {
        var all = Upper + Lower + Digits + Symbols;
        var chars = new char[Length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
