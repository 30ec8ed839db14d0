package dev.openprofile.catalogs;

import dev.openprofile.resource.ResourceService;
import java.util.List;

/**
 * One of the nine catalog bulk-job families: which records it carries, what it does to each, and the spec
 * operations that serve it. Everything else (storage, processing, wire shape) is shared by {@link CatalogBulkJobs}.
 *
 * @param type    the job's JSON:API type, also its job-queue kind ("catalog-item-bulk-create-job")
 * @param path    the job collection ("/api/catalog-item-bulk-create-jobs")
 * @param member  where the body carries the records and the job shows them ("items": data.attributes.items.data[])
 * @param records the kind the records are, written through its single-call code
 * @param maxRecords the most records one job accepts (100 for catalogs, 1000 for coupon codes: the spec)
 * @param pool       the jobs this family's count against for the account's limit of jobs in progress
 */
public record BulkFamily(String type, String path, String member, Action action, ResourceService records,
                         String submitOperation, String listOperation, String getOperation, int maxRecords, Pool pool) {

    /**
     * The catalog families: "Accepts up to 100 catalog items per request" and "The maximum number of jobs in
     * progress at one time is 500" (every catalog bulk POST's description in the spec).
     */
    public BulkFamily(String type, String path, String member, Action action, ResourceService records,
                      String submitOperation, String listOperation, String getOperation) {
        this(type, path, member, action, records, submitOperation, listOperation, getOperation, 100, Pool.CATALOG);
    }

    /**
     * Families whose queued and processing jobs count together against one limit per account. The spec states
     * the limit on each endpoint without saying whether it is per endpoint; one pool for the nine catalog
     * families is the stricter reading (docs/compatibility.md).
     */
    public record Pool(String name, int maxInProgress) {
        public static final Pool CATALOG = new Pool("catalog", 500);
    }

    public enum Action { CREATE, UPDATE, DELETE }

    /** The nine families, spelled as the spec names their operations. */
    public static List<BulkFamily> all(Catalogs c) {
        return List.of(
                new BulkFamily("catalog-item-bulk-create-job", "/api/catalog-item-bulk-create-jobs", "items", Action.CREATE, c.items(),
                        "bulk_create_catalog_items", "get_bulk_create_catalog_items_jobs", "get_bulk_create_catalog_items_job"),
                new BulkFamily("catalog-item-bulk-update-job", "/api/catalog-item-bulk-update-jobs", "items", Action.UPDATE, c.items(),
                        "bulk_update_catalog_items", "get_bulk_update_catalog_items_jobs", "get_bulk_update_catalog_items_job"),
                new BulkFamily("catalog-item-bulk-delete-job", "/api/catalog-item-bulk-delete-jobs", "items", Action.DELETE, c.items(),
                        "bulk_delete_catalog_items", "get_bulk_delete_catalog_items_jobs", "get_bulk_delete_catalog_items_job"),
                new BulkFamily("catalog-variant-bulk-create-job", "/api/catalog-variant-bulk-create-jobs", "variants", Action.CREATE,
                        c.variants(), "bulk_create_catalog_variants", "get_bulk_create_variants_jobs", "get_bulk_create_variants_job"),
                new BulkFamily("catalog-variant-bulk-update-job", "/api/catalog-variant-bulk-update-jobs", "variants", Action.UPDATE,
                        c.variants(), "bulk_update_catalog_variants", "get_bulk_update_variants_jobs", "get_bulk_update_variants_job"),
                new BulkFamily("catalog-variant-bulk-delete-job", "/api/catalog-variant-bulk-delete-jobs", "variants", Action.DELETE,
                        c.variants(), "bulk_delete_catalog_variants", "get_bulk_delete_variants_jobs", "get_bulk_delete_variants_job"),
                new BulkFamily("catalog-category-bulk-create-job", "/api/catalog-category-bulk-create-jobs", "categories", Action.CREATE,
                        c.categories(), "bulk_create_catalog_categories", "get_bulk_create_categories_jobs", "get_bulk_create_categories_job"),
                new BulkFamily("catalog-category-bulk-update-job", "/api/catalog-category-bulk-update-jobs", "categories", Action.UPDATE,
                        c.categories(), "bulk_update_catalog_categories", "get_bulk_update_categories_jobs", "get_bulk_update_categories_job"),
                new BulkFamily("catalog-category-bulk-delete-job", "/api/catalog-category-bulk-delete-jobs", "categories", Action.DELETE,
                        c.categories(), "bulk_delete_catalog_categories", "get_bulk_delete_categories_jobs", "get_bulk_delete_categories_job"));
    }

    /** Create and update jobs can include the resources they wrote (the spec's {@code include}); delete jobs cannot. */
    public boolean includes() {
        return action != Action.DELETE;
    }
}
