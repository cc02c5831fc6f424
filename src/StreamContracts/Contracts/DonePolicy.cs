using System.Text.Json;
using StreamContracts.Loading;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>What a contract says about its done sentinel (<c>framing.done.policy</c> in contract.json).</summary>
internal enum DonePolicy
{
    /// <summary>The stream may end with the sentinel or without it (<c>"optional"</c>, the default when <c>done</c> is given).</summary>
    Optional,

    /// <summary>The stream must end with the sentinel (<c>"required"</c>).</summary>
    Required,

    /// <summary>The contract has no sentinel: one is reported (<c>"forbidden"</c>, the default without <c>done</c>).</summary>
    Forbidden,
}
