package dev.openprofile.profiles;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bulk import chunk's view of the profiles its items touch: the stored ones, locked by one query,
 * plus what earlier items of the chunk did to them. The chunk's writes are its final state.
 */
final class ChunkView implements UpsertRules.View {
    private final Map<String, Profile> byId = new LinkedHashMap<>();
    private final Map<ProfileField, Map<String, String>> index = new EnumMap<>(ProfileField.class);
    private final Set<String> created = new LinkedHashSet<>();
    private final Map<String, Profile> original = new LinkedHashMap<>();

    ChunkView(List<Profile> locked) {
        for (ProfileField f : ProfileField.IDENTIFIERS) index.put(f, new LinkedHashMap<>());
        locked.forEach(this::put);
    }

    @Override
    public Optional<Profile> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Profile> holders(String email, String phone, String externalId) {
        Set<String> ids = new LinkedHashSet<>();
        add(ids, ProfileField.EMAIL, email);
        add(ids, ProfileField.PHONE_NUMBER, phone);
        add(ids, ProfileField.EXTERNAL_ID, externalId);
        List<Profile> out = new ArrayList<>();
        ids.forEach(id -> out.add(byId.get(id)));
        return out;
    }

    @Override
    public Optional<String> ownerOf(ProfileField field, String value) {
        return Optional.ofNullable(index.get(field).get(key(field, value)));
    }

    void apply(UpsertRules.Decision d) {
        switch (d) {
            case UpsertRules.Create c -> {
                created.add(c.profile().id());
                put(c.profile());
            }
            case UpsertRules.Update u -> {
                original.putIfAbsent(u.current().id(), u.current());
                remove(u.current());
                put(u.next());
            }
            case UpsertRules.Keep k -> { }
        }
    }

    /** Profiles to insert, in their final state. */
    List<Profile> inserts() {
        return created.stream().map(byId::get).toList();
    }

    /** Stored profiles to write over, in their final state with the version they were read at. */
    List<Profile> updates() {
        List<Profile> out = new ArrayList<>();
        original.forEach((id, before) -> {
            if (created.contains(id)) return;
            Profile p = byId.get(id);
            out.add(new Profile(p.id(), p.email(), p.phoneNumber(), p.externalId(), p.kx(), p.firstName(), p.lastName(),
                    p.organization(), p.locale(), p.title(), p.image(), p.location(), p.properties(), p.created(),
                    p.updated(), p.lastEventDate(), before.version()));
        });
        return out;
    }

    private void add(Set<String> ids, ProfileField f, String value) {
        if (value == null) return;
        String id = index.get(f).get(key(f, value));
        if (id != null) ids.add(id);
    }

    private void put(Profile p) {
        byId.put(p.id(), p);
        UpsertRules.identifiers(p).forEach((f, v) -> index.get(f).put(v, p.id()));
    }

    private void remove(Profile p) {
        UpsertRules.identifiers(p).forEach((f, v) -> index.get(f).remove(v, p.id()));
    }

    private static String key(ProfileField f, String value) {
        return f == ProfileField.EMAIL ? value.toLowerCase(Locale.ROOT) : value;
    }
}
