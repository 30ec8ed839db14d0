package dev.openprofile.tags;

import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.BatchIncluder;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.resource.ResourceService;
import dev.openprofile.store.Jdbc;
import java.time.Clock;
import java.util.List;

/**
 * The tags feature as App wires it: tags and tag groups registered in the kit, the kinds of objects tags label,
 * and their endpoints. Lists, segments, flows and campaigns say which of their ids exist through {@link TaggedKind.UnknownIds}; they
 * show their tags through {@link #segmentTags()} and the kit's include of the list's {@code tags}.
 */
public final class Tags {
    private final TagLinks links;
    private final List<TaggedKind> kinds;
    private final Links urls;

    private Tags(TagLinks links, List<TaggedKind> kinds, Links urls) {
        this.links = links;
        this.kinds = kinds;
        this.urls = urls;
    }

    /**
     * @param unknownLists    of some list ids, those the account does not have (the lists feature)
     * @param unknownSegments the same for segments (the segments feature)
     * @param unknownFlows    the same for flows (the flows feature, whose kind the kit holds already)
     * @param unknownCampaigns the same for campaigns (the campaigns feature, whose kind the kit holds already)
     */
    public static Tags register(ResourceKit kit, Jdbc jdbc, Clock clock, Links urls, TaggedKind.UnknownIds unknownLists,
                                TaggedKind.UnknownIds unknownSegments, TaggedKind.UnknownIds unknownFlows,
                                TaggedKind.UnknownIds unknownCampaigns) {
        List<TaggedKind> kinds = List.of(
                new TaggedKind("lists", "list", "tag_list", "list_id", unknownLists,
                        "get_list_ids_for_tag", "tag_lists", "remove_tag_from_lists", "get_tags_for_list", "get_tag_ids_for_list"),
                new TaggedKind("segments", "segment", "tag_segment", "segment_id", unknownSegments,
                        "get_segment_ids_for_tag", "tag_segments", "remove_tag_from_segments", "get_tags_for_segment",
                        "get_tag_ids_for_segment"),
                new TaggedKind("flows", "flow", "tag_flow", "flow_id", unknownFlows,
                        "get_flow_ids_for_tag", "tag_flows", "remove_tag_from_flows", "get_tags_for_flow", "get_tag_ids_for_flow"),
                new TaggedKind("campaigns", "campaign", "tag_campaign", "campaign_id", unknownCampaigns,
                        "get_campaign_ids_for_tag", "tag_campaigns", "remove_tag_from_campaigns", "get_tags_for_campaign",
                        "get_tag_ids_for_campaign"));
        DefaultTagGroup defaultGroup = new DefaultTagGroup(clock);
        kit.register(TagKinds.group(new TagGroupHooks(jdbc, defaultGroup)));
        ResourceService tags = kit.register(TagKinds.tag(kinds, new TagHooks(defaultGroup)));
        TagLinks links = new TagLinks(jdbc, tags, kit.renderer());
        kit.supplyInclude("list", "tags", links.includer(kinds.getFirst()));
        kit.supplyInclude("flow", "tags", links.includer(kinds.get(2)));
        kit.supplyInclude("campaign", "tags", links.includer(kinds.get(3)));
        return new Tags(links, kinds, urls);
    }

    /** The link endpoints of both sides (the kit serves tags' and tag groups' own). */
    public List<Endpoint> endpoints() {
        return new TagLinkRoutes(links, urls).endpoints(kinds);
    }

    /** {@code include=tags} on segment reads. */
    public BatchIncluder segmentTags() {
        return links.includer(kinds.get(1));
    }
}
