package dev.openprofile.profiles;

import dev.openprofile.http.ApiRequest;
import dev.openprofile.http.ApiResponse;
import dev.openprofile.http.Endpoint;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.Resources;
import java.util.List;

/** HTTP for merge_profiles: 201 with the destination's identifier and link once the merge job is stored. */
public final class MergeRoutes {
    private final ProfileMerge merge;
    private final Links links;

    public MergeRoutes(ProfileMerge merge, Links links) {
        this.merge = merge;
        this.links = links;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of("merge_profiles", this::merge));
    }

    private ApiResponse merge(ApiRequest r) {
        MergeInput.Request request = MergeInput.parse(r.data());
        merge.submit(r.accountId(), request);
        var data = ProfileDescriptor.identifier(request.destinationId());
        data.putObject("links").put("self", links.resource(ProfileDescriptor.PATH, request.destinationId()));
        return ApiResponse.created(Resources.single(data));
    }
}
