namespace StreamContracts.TestSupport;
using Xunit;

/// <summary>A fact that needs ../shared; it is skipped, saying so, when the folder is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    /// <summary>Sets Skip when ../shared is missing.</summary>
    public SharedFactAttribute()
    {
        if (!Repo.HasShared)
        {
            Skip = Repo.SharedMissingReason;
        }
    }
}

/// <summary>A theory that needs ../shared; it is skipped, saying so, when the folder is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets Skip when ../shared is missing.</summary>
    public SharedTheoryAttribute()
    {
        if (!Repo.HasShared)
        {
            Skip = Repo.SharedMissingReason;
        }
    }
}
