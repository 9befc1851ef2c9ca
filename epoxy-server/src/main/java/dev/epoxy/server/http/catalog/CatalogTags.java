package dev.epoxy.server.http.catalog;

import static dev.epoxy.core.ErrorCode.DATABASE_NOT_FOUND;
import static dev.epoxy.core.ErrorCode.TABLE_NOT_FOUND;
import static java.util.Objects.requireNonNull;

import dev.epoxy.core.EpoxyException;
import dev.epoxy.core.arn.GlueArn;
import dev.epoxy.core.arn.GlueArns;
import dev.epoxy.core.arn.GlueResourceType;
import dev.epoxy.core.catalog.CatalogStore;
import dev.epoxy.core.catalog.CatalogTable;
import dev.epoxy.core.catalog.TableId;
import dev.epoxy.core.tag.TagStore;
import dev.epoxy.server.http.tag.TaggableResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tags of databases ({@code arn:aws:glue:<region>:<account>:database/<name>}) and tables
 * ({@code …:table/<database>/<name>}): CreateDatabase's {@code Tags} are stored under the database's
 * ARN, TagResource/GetTags/UntagResource reach both through the existence checks registered here, and
 * a deleted database or table takes its tags (and its tables' tags) with it.
 */
public final class CatalogTags {
    private static final int TABLES_PER_BATCH = 500;

    private final CatalogStore store;
    private final TagStore tags;
    private final GlueArns arns;

    public CatalogTags(CatalogStore store, TagStore tags, GlueArns arns) {
        this.store = requireNonNull(store, "store is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.arns = requireNonNull(arns, "arns is null");
    }

    /** Registers databases and tables as taggable resources, each with a check that it exists in the account's catalog. */
    public TaggableResources registerWith(TaggableResources resources) {
        return resources
                .register(GlueResourceType.DATABASE, arn -> {
                    String name = CatalogRequests.lowerCase(arn.path());
                    if (store.findDatabase(arn.accountId(), name).isEmpty()) {
                        throw new EpoxyException(DATABASE_NOT_FOUND, "Database not found: %s", name);
                    }
                })
                .register(GlueResourceType.TABLE, arn -> {
                    TableId id = tableIdOf(arn).orElseThrow(() -> new EpoxyException(TABLE_NOT_FOUND, "Table not found: %s", arn.path()));
                    if (store.findTable(id).isEmpty()) {
                        throw new EpoxyException(TABLE_NOT_FOUND, "Table not found: %s", id);
                    }
                });
    }

    void replaceDatabaseTags(String databaseName, Map<String, String> newTags) {
        tags.replaceTags(arns.arnOf(GlueResourceType.DATABASE, databaseName), newTags);
    }

    /** Deletes the tags of the database and of every table in it; called before the database itself goes. */
    void deleteDatabaseTags(String catalogId, String databaseName) {
        Optional<String> after = Optional.empty();
        while (true) {
            List<CatalogTable> batch = store.listTables(catalogId, databaseName, after, TABLES_PER_BATCH);
            batch.forEach(table -> deleteTableTags(table.id()));
            if (batch.size() < TABLES_PER_BATCH) {
                break;
            }
            after = Optional.of(batch.get(batch.size() - 1).id().name());
        }
        tags.deleteTags(arns.arnOf(GlueResourceType.DATABASE, databaseName));
    }

    void deleteTableTags(TableId id) {
        tags.deleteTags(arns.arnOf(GlueResourceType.TABLE, id.databaseName() + "/" + id.name()));
    }

    private static Optional<TableId> tableIdOf(GlueArn arn) {
        int slash = arn.path().indexOf('/');
        if (slash <= 0 || slash == arn.path().length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new TableId(arn.accountId(), CatalogRequests.lowerCase(arn.path().substring(0, slash)),
                CatalogRequests.lowerCase(arn.path().substring(slash + 1))));
    }
}
