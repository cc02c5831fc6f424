namespace ConsumerTests.FakeModel;

/// <summary>One server for every test in the "fake model" collection: started before the first, stopped after the last.</summary>
public sealed class FakeModelFixture : IAsyncLifetime
{
    private FakeModelServer? server;

    /// <summary>The running server.</summary>
    public FakeModelServer Server => server ?? throw new InvalidOperationException("the server has not started");

    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => server = await FakeModelServer.StartAsync();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the fake model server.</summary>
[CollectionDefinition(Name)]
public sealed class FakeModelCollection : ICollectionFixture<FakeModelFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fake model";
}
