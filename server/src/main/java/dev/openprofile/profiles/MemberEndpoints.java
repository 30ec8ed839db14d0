package dev.openprofile.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import dev.openprofile.store.Paging;
import java.util.List;

/**
 * The member endpoints of a group feature (a list's or a segment's profiles, and their ids): one
 * implementation for every group table, with the spec's member filters and joined_group_at keyset pages.
 */
public final class MemberEndpoints {
    /** Throws the group's 404 when the account has no group with this id. */
    @FunctionalInterface
    public interface Existence {
        void require(String accountId, String groupId);
    }

    private final ProfileService profiles;
    private final Links links;
    private final ProfileService.Membership group;
    private final Existence existence;

    public MemberEndpoints(ProfileService profiles, Links links, ProfileService.Membership group, Existence existence) {
        this.profiles = profiles;
        this.links = links;
        this.group = group;
        this.existence = existence;
    }

    /** The group's get_profiles_for_X and get_profile_ids_for_X operations. */
    public List<Endpoint> endpoints(String profilesOperation, String idsOperation) {
        return List.of(
                Endpoint.of(profilesOperation, r -> ApiResponse.ok(document(r, page(r), false))).sortedBy("joined_group_at"),
                Endpoint.of(idsOperation, r -> ApiResponse.ok(document(r, page(r), true))).sortedBy("joined_group_at"));
    }

    private Paging.Page<ProfileService.Member> page(ApiRequest r) {
        existence.require(r.accountId(), r.pathParam("id"));
        return profiles.members(r.accountId(), group, r.pathParam("id"), r.query());
    }

    private ObjectNode document(ApiRequest r, Paging.Page<ProfileService.Member> page, boolean idsOnly) {
        List<ObjectNode> data = idsOnly
                ? page.rows().stream().map(m -> ProfileDescriptor.identifier(m.profile().id())).toList()
                : profiles.memberResources(r.accountId(), page.rows(), r.query(), links);
        return Resources.collection(data, links.collection(r.path(), r.query().raw(),
                page.next().map(c -> c.encode()), page.prev().map(c -> c.encode())));
    }
}
