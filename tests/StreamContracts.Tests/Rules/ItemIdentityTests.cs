namespace StreamContracts.Tests.Rules;

/// <summary>item.identity-unique: no two output items share an id, or a type and call_id.</summary>
public sealed class ItemIdentityTests
{
    [Fact]
    public void A_repeated_item_id_is_reported_at_the_second_item_with_the_first_ones_event()
    {
        var b = ResponsesStreamBuilder.Create("dup").Start().Message("One").Message("Two").Completed();
        var firstAdded = b.IndexOf("response.output_item.added");
        var id = b[firstAdded]["item"]!["id"]!.GetValue<string>();
        var second = b.IndexOf("response.output_item.added", 1);
        b.Set(second, "/item/id", id);

        var v = Assert.Single(b.Validate().Violations, v => v.Rule == "item.identity-unique");

        Assert.Equal((Severity.Error, (int?)second, "/item/id", $"/item/id \"{id}\""), (v.Severity, v.EventIndex, v.Pointer, v.Actual));
        Assert.Equal($"response.output_item.added repeats the identity of the output item at event {firstAdded}: /item/id \"{id}\"", v.Message);
    }

    [Fact]
    public void Items_without_a_call_id_or_with_different_types_do_not_collide()
    {
        var b = ResponsesStreamBuilder.Create("dup").Start().Message("One").Message("Two").FunctionCall("lookup", "{}").Completed();

        Assert.DoesNotContain(b.Validate().Violations, v => v.Rule == "item.identity-unique");
    }

    [Fact]
    public void An_added_event_sent_twice_is_left_to_the_pairing_rule()
    {
        var b = ResponsesStreamBuilder.Create("dup").Start().Message("One").Completed();
        b.Duplicate(b.IndexOf("response.output_item.added"));

        var rules = b.Validate().Violations.Select(v => v.Rule).ToList();

        Assert.Equal(["pair.output-item"], rules);
    }
}
