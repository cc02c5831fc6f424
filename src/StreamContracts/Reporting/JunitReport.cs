using System.Globalization;
using System.Text;
using System.Xml;
using StreamContracts.Formatting;

namespace StreamContracts.Reporting;

/// <summary>
/// <c>--format junit</c>: JUnit XML for CI test reports. One &lt;testsuite&gt; per contract (name = contract id, in the
/// order the contracts first appear), one &lt;testcase&gt; per file (classname = contract id, name = the path as given).
/// A file that does not conform has one &lt;failure&gt; whose body lists every violation, one per line; a conforming
/// file's warnings and notes go to its &lt;system-out&gt;. No times or timestamps: the same input gives the same bytes.
/// </summary>
internal sealed class JunitReport : IReportWriter
{
    /// <inheritdoc />
    public string Name => "junit";

    /// <inheritdoc />
    public string? Label => "JUnit XML";

    /// <inheritdoc />
    public void Write(TextWriter w, IReadOnlyList<(string Path, ValidationReport Report)> results, Contract? contract = null)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        var sb = new StringBuilder();
        using (var xml = XmlWriter.Create(new StringWriter(sb, CultureInfo.InvariantCulture), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "streamcontracts");
            xml.WriteAttributeString("tests", Number(results.Count));
            xml.WriteAttributeString("failures", Number(results.Count(r => !r.Report.Conforms)));
            xml.WriteAttributeString("errors", "0");
            foreach (var suite in results.GroupBy(r => r.Report.ContractId))
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", suite.Key);
                xml.WriteAttributeString("tests", Number(suite.Count()));
                xml.WriteAttributeString("failures", Number(suite.Count(r => !r.Report.Conforms)));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", "0");
                foreach (var (path, report) in suite)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("classname", suite.Key);
                    xml.WriteAttributeString("name", Clean(path));
                    var lines = Findings(report);
                    if (!report.Conforms)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", Clean($"does not conform to {report.ContractId}: {ViolationText.Plural(report.TotalErrors, "error")} in {ViolationText.Plural(report.EventCount, "event")}{TextReport.Listed(report)}"));
                        xml.WriteAttributeString("type", report.Violations.First(v => v.Severity == Severity.Error).Rule);
                        xml.WriteString(Clean(string.Join('\n', lines)) + "\n");
                        xml.WriteEndElement();
                    }
                    else if (lines.Count > 0)
                    {
                        xml.WriteElementString("system-out", Clean(string.Join('\n', lines)) + "\n");
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        // XmlWriter over a StringWriter declares utf-16; what reaches stdout is UTF-8, so say that.
        w.WriteLine(sb.ToString().Replace("<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<?xml version=\"1.0\" encoding=\"utf-8\"?>", StringComparison.Ordinal));
    }

    /// <summary>
    /// One line per violation (severity, rule id, line, event, then the message), followed by the aligned
    /// Expected/Actual rows of the text report when the violation has values; notes about the stream last.
    /// </summary>
    internal static List<string> Findings(ValidationReport report)
    {
        var lines = new List<string>();
        foreach (var v in report.Violations)
        {
            lines.Add(Line(v));
            if (v.Expected is not null || v.Actual is not null)
            {
                lines.AddRange(ViolationText.Compare(v.ExpectedLabel ?? "Expected", v.Expected ?? "(nothing)", v.ActualLabel ?? "Actual", v.Actual ?? "(nothing)").Select(row => "    " + OneLine(row)));
            }
        }

        if (report.SuppressedViolations > 0)
        {
            lines.Add($"… and {ViolationText.Plural(report.SuppressedViolations, "more violation")} not listed");
        }

        if (lines.Count > 0)
        {
            lines.AddRange(report.Notes.Select(n => $"note: {n}"));
        }

        return lines;
    }

    internal static string Line(Violation v) =>
        string.Create(CultureInfo.InvariantCulture, $"{Catalogues.Name(v.Severity)} {v.Rule} line {v.Line}{(v.EventIndex is { } i ? $" [event {i}{(v.EventType is { } t ? " " + t : string.Empty)}]" : string.Empty)}: {OneLine(v.Message)}");

    private static string OneLine(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// XML 1.0 cannot carry most control characters or a lone surrogate, even escaped; a message quoting a broken stream may
    /// hold them. They are written as \uXXXX so the report stays well-formed and says what was there.
    /// </summary>
    internal static string Clean(string s)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            if (ok)
            {
                sb?.Append(c).Append(s[i + 1]);
                i++;
                continue;
            }

            if (XmlConvert.IsXmlChar(c))
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(s, 0, i, s.Length + 16);
            sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return sb?.ToString() ?? s;
    }
}
