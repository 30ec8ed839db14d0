package dev.openprofile.campaigns;

import dev.openprofile.http.Endpoint;
import dev.openprofile.resource.Hooks;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The campaigns feature as App wires it: campaigns and campaign messages registered in the kit, and the writes the
 * kit does not serve. Lists and segments (an audience) and templates (a message's copy) are other features'.
 */
public final class Campaigns {
    /** Whether an id names a list or a segment of the account (a campaign's audience is either). */
    @FunctionalInterface
    public interface Audiences {
        boolean exists(String accountId, String listOrSegmentId);
    }

    /** Makes a non-reusable copy of a template in the caller's transaction: its id, or null when there is no such template. */
    @FunctionalInterface
    public interface TemplateCopies {
        String copy(Connection c, String accountId, String templateId) throws SQLException;
    }

    private final CampaignService service;
    private final CampaignRoutes routes;

    private Campaigns(CampaignService service, CampaignRoutes routes) {
        this.service = service;
        this.routes = routes;
    }

    /** @param ids ids of campaigns and messages (Klaviyo's are ULIDs) */
    public static Campaigns register(ResourceKit kit, Jdbc jdbc, Supplier<String> ids, Audiences audiences, TemplateCopies templates) {
        ResourceService campaigns = kit.register(CampaignKinds.campaign(ids, CampaignHooks.CAMPAIGN));
        ResourceService messages = kit.register(CampaignKinds.message(ids, Hooks.NONE));
        CampaignService service = new CampaignService(jdbc, campaigns, messages, audiences, templates);
        return new Campaigns(service, new CampaignRoutes(service, kit.renderer(), campaigns.kind(), messages.kind()));
    }

    /** The endpoints the kit does not serve (it serves the reads and delete_campaign from the declarations). */
    public List<Endpoint> endpoints() {
        return routes.endpoints();
    }

    /** Of some campaign ids, those the account does not have (for tagging). */
    public List<String> unknownIds(String accountId, List<String> ids) {
        return service.unknownIds(accountId, ids);
    }
}
