using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamContracts.Engine;

namespace StreamContracts.Rules;

/// <summary>
/// Kind <c>chat-choices</c>: the per-choice bookkeeping of Chat Completions chunks, which no generic kind expresses
/// because the keys live inside the <c>choices</c> array: each choice's index, its role once at its start, exactly one
/// finish_reason and nothing after it, tool-call fragments keyed by index with their identity once and arguments that
/// concatenate to JSON, and the usage chunk (empty choices) only at the end. It also rebuilds each choice's text and
/// tool calls for the report.
/// </summary>
internal sealed class ChatChoicesRule : Rule<ChatChoicesRule.State>
{
    private readonly RuleInfo index;
    private readonly RuleInfo roleOnce;
    private readonly RuleInfo finishOnce;
    private readonly RuleInfo afterFinish;
    private readonly RuleInfo usageLast;
    private readonly RuleInfo emptyChoices;
    private readonly RuleInfo toolIndex;
    private readonly RuleInfo toolIdentity;
    private readonly RuleInfo toolArgs;
    private readonly RuleInfo? toolSequential;
    private readonly IReadOnlyList<Pointer> metaFields;

    public ChatChoicesRule(RuleDefinition d)
        : this(d, new[] { "index", "roleOnce", "finishOnce", "afterFinish", "usageLast", "emptyChoices", "toolIndex", "toolIdentity", "toolArgs" }
            .Select(n => d.Check(d.OptionalObject(d.Json, n) ?? throw d.Error($"'{n}' is required"), n))
            .Concat(d.OptionalObject(d.Json, "toolSequential") is { } q ? [d.Check(q, "toolSequential")] : [])
            .ToList())
    {
    }

    private ChatChoicesRule(RuleDefinition d, IReadOnlyList<RuleInfo> checks)
        : base(checks)
    {
        metaFields = d.Pointers(d.Json, "metaFields", required: false);
        index = checks[0];
        roleOnce = checks[1];
        finishOnce = checks[2];
        afterFinish = checks[3];
        usageLast = checks[4];
        emptyChoices = checks[5];
        toolIndex = checks[6];
        toolIdentity = checks[7];
        toolArgs = checks[8];
        toolSequential = checks.Count > 9 ? checks[9] : null;
    }

    protected override void OnEvent(EventContext context, State state)
    {
        var e = context.Event.Payload;
        if (e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            // An in-band error payload explains a stream without choices (chat.error-payload reports it).
            state.SawErrorPayload = true;
        }

        var hasUsage = e.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object;
        if (hasUsage)
        {
            context.Reconstruction.Finish(null, null, usage.Clone());
        }

        var meta = !hasUsage && metaFields.Any(p => p.TryResolve(e, out var m) && m.ValueKind != JsonValueKind.Null)
                   && e.TryGetProperty("choices", out var mc) && mc.ValueKind == JsonValueKind.Array && mc.GetArrayLength() == 0;
        if (meta)
        {
            // A meta chunk (for example the moderation chunk of a moderated completion) carries no choices and may follow the usage chunk.
            return;
        }

        if (state.UsageChunk is { } usageAt)
        {
            context.Report(usageLast, $"the usage chunk [{usageAt.Index}] (line {usageAt.Line}) must be the last chunk before [DONE]; clients take the last usage they see", "/choices", "[DONE] or end of stream", "another chunk");
        }

        if (e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            context.Reconstruction.Finish(id.GetString(), null, null);
        }

        if (!e.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        if (choices.GetArrayLength() == 0)
        {
            if (hasUsage)
            {
                state.UsageChunk = context.Here;
            }
            else
            {
                context.Report(emptyChoices, "a chunk with no choices is only the final usage chunk; this one carries no usage", "/choices", "at least one choice, or a usage object", "[] without usage");
            }

            return;
        }

        var position = 0;
        foreach (var choice in choices.EnumerateArray())
        {
            var at = $"/choices/{position.ToString(CultureInfo.InvariantCulture)}";
            position++;
            if (choice.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (!choice.TryGetProperty("index", out var ix) || ix.ValueKind != JsonValueKind.Number || !ix.TryGetInt32(out var i) || i < 0)
            {
                context.Report(index, "every choice carries a non-negative integer index; clients file text under it", at + "/index", "an integer ≥ 0", ix.ValueKind == JsonValueKind.Undefined ? "absent" : JsonUtil.Show(ix));
                continue;
            }

            Observe(context, state, choice, i, at);
        }
    }

    private void Observe(EventContext context, State state, JsonElement choice, int i, string at)
    {
        var first = !state.Choices.TryGetValue(i, out var c);
        if (first)
        {
            if (!context.MayTrack(this, state.Choices.Count))
            {
                return;
            }

            c = new Choice();
            state.Choices[i] = c;
            context.Reconstruction.Describe(Key(i), type: "choice");
        }

        var delta = choice.TryGetProperty("delta", out var dv) && dv.ValueKind == JsonValueKind.Object ? dv : default;
        var hasRole = delta.ValueKind == JsonValueKind.Object && delta.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String;
        if (c!.Finished is { } finished && HasContent(delta))
        {
            context.Report(afterFinish, $"choice {i} already finished at [{finished.Index}] (line {finished.Line}); content after its finish_reason is dropped or misattributed by clients", at + "/delta", "no more deltas for this choice", "a delta with content");
        }

        if (hasRole)
        {
            if (!first && c.RoleSeen)
            {
                context.Report(roleOnce, $"choice {i} already had its role; openai-python concatenates repeated strings, so the role becomes \"assistantassistant\"", at + "/delta/role", "no role after the first chunk", JsonUtil.Show(delta.GetProperty("role")));
            }

            c.RoleSeen = true;
        }
        else if (first)
        {
            context.Report(roleOnce, $"the first chunk of choice {i} must carry delta.role; openai-node's final assembly fails with 'missing role for choice {i}'", at + "/delta/role", "\"assistant\"", "absent");
        }

        if (delta.ValueKind == JsonValueKind.Object)
        {
            Append(context, delta, "content", c.Content, i);
            Append(context, delta, "refusal", c.Refusal, i);
            if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                Tools(context, c, i, calls, at + "/delta/tool_calls");
            }
        }

        if (choice.TryGetProperty("finish_reason", out var fr) && fr.ValueKind == JsonValueKind.String)
        {
            if (c.Finished is { } before)
            {
                context.Report(finishOnce, $"choice {i} already finished with {c.FinishReason} at [{before.Index}] (line {before.Line}); a choice gets exactly one finish_reason", at + "/finish_reason", "null", JsonUtil.Show(fr));
            }
            else
            {
                c.Finished = context.Here;
                c.FinishReason = fr.GetString();
                Close(context, context.Reconstruction, c, i);
            }
        }
    }

    protected override void OnComplete(CompleteContext context, State state)
    {
        if (state.Choices.Count == 0 && !state.SawErrorPayload)
        {
            context.ReportAtEnd(finishOnce, "the stream carries no choice at all, so there is no answer to finish", "at least one choice with a finish_reason", "no choices");
        }

        foreach (var (i, c) in state.Choices.OrderBy(x => x.Key))
        {
            if (c.Finished is null)
            {
                context.ReportAtEnd(finishOnce, $"choice {i} never got a finish_reason; openai-node fails with 'missing finish_reason for choice {i}'", "a finish_reason", "end of stream");
                Close(null, context.Reconstruction, c, i);
            }
        }

        context.Reconstruction.Finish(null, state.Choices.Count > 0 && state.Choices.Values.All(c => c.Finished is not null) ? "completed" : "incomplete", null);
    }

    private void Tools(EventContext context, Choice c, int choice, JsonElement calls, string at)
    {
        var position = 0;
        foreach (var call in calls.EnumerateArray())
        {
            var here = $"{at}/{position.ToString(CultureInfo.InvariantCulture)}";
            position++;
            if (call.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (!call.TryGetProperty("index", out var ix) || ix.ValueKind != JsonValueKind.Number || !ix.TryGetInt32(out var t) || t < 0)
            {
                context.Report(toolIndex, "every tool_calls entry carries an integer index that says which call the fragment belongs to; openai-python fails without it", here + "/index", "an integer ≥ 0", ix.ValueKind == JsonValueKind.Undefined ? "absent" : JsonUtil.Show(ix));
                continue;
            }

            var fn = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var callId = call.TryGetProperty("id", out var idv) && idv.ValueKind == JsonValueKind.String ? idv.GetString() : null;
            var name = fn.ValueKind == JsonValueKind.Object && fn.TryGetProperty("name", out var nv) && nv.ValueKind == JsonValueKind.String ? nv.GetString() : null;
            if (toolSequential is not null && c.LastTool is { } previous && previous != t && c.Tools.ContainsKey(t))
            {
                context.Report(toolSequential, $"a fragment for tool call {t} comes after tool call {previous} started; clients treat a call as complete once the next one starts, so this fragment is lost or misfiled", here + "/index", $"{previous} or a new call", t.ToString(CultureInfo.InvariantCulture));
            }

            c.LastTool = t;
            if (!c.Tools.TryGetValue(t, out var tool))
            {
                if (!context.MayTrack(this, c.Tools.Count))
                {
                    continue;
                }

                tool = new Tool(context.Here);
                c.Tools[t] = tool;
                if (string.IsNullOrEmpty(callId) || string.IsNullOrEmpty(name))
                {
                    context.Report(toolIdentity, $"the first fragment of tool call {t} must carry its id and function.name", here, "id and function.name", $"id {(callId is null ? "absent" : JsonUtil.Quote(callId))}, name {(name is null ? "absent" : JsonUtil.Quote(name))}");
                }

                if (!call.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    context.Report(toolIdentity, $"the first fragment of tool call {t} must carry its type; openai-node's final assembly fails with 'missing choices[{choice}].tool_calls[{t}].type'", here + "/type", "\"function\"", "absent");
                }

                tool.Id = callId;
                tool.Name = name;
                context.Reconstruction.Describe(ToolKey(choice, t), type: "function", name: name, callId: callId);
            }
            else
            {
                if (!string.IsNullOrEmpty(callId))
                {
                    context.Report(toolIdentity, $"tool call {t} got its id at [{tool.First.Index}]; openai-python concatenates a repeated id into a different one", here + "/id", "no id after the first fragment", JsonUtil.Quote(callId));
                }

                if (!string.IsNullOrEmpty(name))
                {
                    context.Report(toolIdentity, $"tool call {t} got its name at [{tool.First.Index}]; openai-python concatenates a repeated name into a different one", here + "/function/name", "no name after the first fragment", JsonUtil.Quote(name));
                }
            }

            if (fn.ValueKind == JsonValueKind.Object && fn.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.String
                && tool.Arguments.Append(a.GetString()!, context.Limits.TextHeld))
            {
                HeldText.Report(context, $"the argument fragments of tool call {t} of choice {choice}", HeldText.KeepsStart(context) + "; their JSON is not checked");
            }
        }
    }

    private void Close(EventContext? context, ReconstructionBuilder reconstruction, Choice c, int i)
    {
        reconstruction.Describe(Key(i), status: c.FinishReason);
        reconstruction.AddText(Key(i), "content", null, c.Content.ToString(), c.Content.Length);
        if (c.Refusal.Length > 0)
        {
            reconstruction.AddText(Key(i), "refusal", null, c.Refusal.ToString(), c.Refusal.Length);
        }

        foreach (var (t, tool) in c.Tools.OrderBy(x => x.Key))
        {
            var arguments = tool.Arguments.ToString();
            if (context is not null && !tool.Arguments.Cut && !IsJson(arguments))
            {
                context.ReportAt(toolArgs, tool.First, $"the argument fragments of tool call {t} ({tool.Name ?? "?"}) of choice {i} concatenate to text that is not JSON; strict clients fail to parse it", null, "a JSON text", JsonUtil.Quote(arguments));
            }

            reconstruction.AddText(ToolKey(i, t), "function_call_arguments", null, arguments, tool.Arguments.Length);
        }
    }

    private static bool IsJson(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool HasContent(JsonElement delta) =>
        delta.ValueKind == JsonValueKind.Object && delta.EnumerateObject().Any(p =>
            p.Name is "content" or "refusal" or "tool_calls" or "function_call" && p.Value.ValueKind is not JsonValueKind.Null && !(p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length == 0));

    private static void Append(EventContext context, JsonElement delta, string name, HeldText into, int choice)
    {
        if (delta.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && into.Append(v.GetString()!, context.Limits.TextHeld))
        {
            HeldText.Report(context, $"the {name} of choice {choice.ToString(CultureInfo.InvariantCulture)}", HeldText.KeepsStart(context));
        }
    }

    private static string Key(int choice) => choice.ToString(CultureInfo.InvariantCulture);

    private static string ToolKey(int choice, int tool) => $"{choice.ToString(CultureInfo.InvariantCulture)}/tool_calls/{tool.ToString(CultureInfo.InvariantCulture)}";

    internal sealed class State
    {
        public SortedDictionary<int, Choice> Choices { get; } = [];

        public EventRef? UsageChunk { get; set; }

        public bool SawErrorPayload { get; set; }
    }

    internal sealed class Choice
    {
        public bool RoleSeen { get; set; }

        public EventRef? Finished { get; set; }

        public string? FinishReason { get; set; }

        public HeldText Content { get; } = new();

        public HeldText Refusal { get; } = new();

        public SortedDictionary<int, Tool> Tools { get; } = [];

        public int? LastTool { get; set; }
    }

    internal sealed class Tool(EventRef first)
    {
        public EventRef First { get; } = first;

        public string? Id { get; set; }

        public string? Name { get; set; }

        public HeldText Arguments { get; } = new();
    }
}
