namespace StreamContracts.Rules;

/// <summary>A rule id as the catalogue lists it: what it checks, how severe, which kind of code checks it.</summary>
/// <param name="Id">Stable dotted id, e.g. <c>pair.output-item</c>. Once published it keeps its meaning.</param>
/// <param name="Kind">The rule kind (code) that checks it, e.g. <c>pair</c>.</param>
/// <param name="Severity">Severity of its findings unless options change it.</param>
/// <param name="Description">One line: what must hold.</param>
/// <param name="Explanation">What breaks in clients when it does not hold, if the contract says.</param>
/// <param name="Source">Where the rule comes from (spec section, SDK behaviour), if the contract says.</param>
/// <param name="Help">How to fix a stream that breaks it: what to change or check on the server side (contract.json key <c>help</c>).</param>
public sealed record RuleInfo(string Id, string Kind, Severity Severity, string Description, string? Explanation = null, string? Source = null, string? Help = null);
