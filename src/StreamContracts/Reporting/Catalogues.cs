using StreamContracts.Rules;

namespace StreamContracts.Reporting;

/// <summary>The rule catalogue behind a report, for the formats that describe rules (SARIF) or list them (rules).</summary>
internal static class Catalogues
{
    /// <summary>
    /// The catalogue of the contract a report names: the contract given with --contract when it is that one (a folder
    /// contract is in no registry), a built-in by id, and for a stream auto could not classify (contract "auto") the
    /// rules its report can hold: contract.auto-undetected and the wire diagnostics.
    /// </summary>
    public static IReadOnlyList<RuleInfo> For(string contractId, Contract? given)
    {
        if (given is not null && given.Id == contractId)
        {
            return given.Catalogue;
        }

        if (Contracts.Exists(contractId))
        {
            return Contracts.Get(contractId).Catalogue;
        }

        return contractId == "auto" ? [BuiltInRules.Undetected, .. BuiltInRules.Sse] : [];
    }

    /// <summary>Severity as every format spells it: error, warning, info.</summary>
    public static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
