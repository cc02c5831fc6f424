using System.Text.Json;
using StreamContracts.Loading;
using StreamContracts.Engine;
using StreamContracts.Rules;

namespace StreamContracts;

/// <summary>A contract's family sections, read without compiling the contract (<see cref="Contract.ReadFamily"/>).</summary>
internal sealed record FamilySections(string Id, DetectionSpec? Detection, TranscriptSpec Transcript, ReconstructionSpec Reconstruction);
