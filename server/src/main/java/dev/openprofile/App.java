package dev.openprofile;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.openprofile.accounts.AccountAdminRoutes;
import dev.openprofile.accounts.AccountRoutes;
import dev.openprofile.accounts.AccountSettingsService;
import dev.openprofile.accounts.KeyAdminRoutes;
import dev.openprofile.auth.AccountStore;
import dev.openprofile.backinstock.BackInStockRoutes;
import dev.openprofile.backinstock.BackInStockService;
import dev.openprofile.catalogs.BulkFamily;
import dev.openprofile.catalogs.CatalogBulkJobs;
import dev.openprofile.catalogs.CatalogBulkRoutes;
import dev.openprofile.catalogs.CatalogKinds;
import dev.openprofile.catalogs.Catalogs;
import dev.openprofile.console.AccountCounts;
import dev.openprofile.console.Console;
import dev.openprofile.console.EventsSection;
import dev.openprofile.console.ImportSection;
import dev.openprofile.console.JobsSection;
import dev.openprofile.console.KeysSection;
import dev.openprofile.console.ListsSection;
import dev.openprofile.console.MetricsSection;
import dev.openprofile.console.OperatorFaults;
import dev.openprofile.console.OperatorSection;
import dev.openprofile.console.OutboxSection;
import dev.openprofile.console.ProfilesSection;
import dev.openprofile.console.SegmentsSection;
import dev.openprofile.console.WebhooksSection;
import dev.openprofile.reviews.Reviews;
import dev.openprofile.objectrecords.ObjectRecords;
import dev.openprofile.coupons.Coupons;
import dev.openprofile.custommetrics.CustomMetrics;
import dev.openprofile.images.Images;
import dev.openprofile.resource.ResourceKind;
import dev.openprofile.resource.ResourceKit;
import dev.openprofile.trackingsettings.TrackingSettings;
import dev.openprofile.tags.Tags;
import dev.openprofile.templates.Templates;
import dev.openprofile.webfeeds.WebFeedKind;
import dev.openprofile.webhooks.Webhooks;
import dev.openprofile.messagepages.MessagePages;
import dev.openprofile.http.InProcessApi;
import dev.openprofile.auth.ApiKeys;
import dev.openprofile.auth.Authenticator;
import dev.openprofile.auth.Principal;
import dev.openprofile.clientconfig.ClientConfigAdminRoutes;
import dev.openprofile.clientconfig.ClientConfigRoutes;
import dev.openprofile.clientconfig.ClientConfigService;
import dev.openprofile.config.Settings;
import dev.openprofile.http.Endpoint;
import dev.openprofile.http.HttpServer;
import dev.openprofile.jsonapi.Links;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.jsonapi.RequestSchemas;
import dev.openprofile.imports.ImportRoutes;
import dev.openprofile.imports.ImportService;
import dev.openprofile.consent.ClientSubscriptionRoutes;
import dev.openprofile.consent.ConsentAdminRoutes;
import dev.openprofile.conversations.ConversationAdminRoutes;
import dev.openprofile.conversations.ConversationRoutes;
import dev.openprofile.conversations.ConversationService;
import dev.openprofile.consent.ConsentQueries;
import dev.openprofile.pushtokens.PushTokenQueries;
import dev.openprofile.consent.ConsentRoutes;
import dev.openprofile.consent.ConsentService;
import dev.openprofile.consent.UnsubscribeScope;
import dev.openprofile.events.EventRoutes;
import dev.openprofile.events.EventService;
import dev.openprofile.events.aggregates.AggregateRoutes;
import dev.openprofile.events.aggregates.AggregateService;
import dev.openprofile.http.AdminAccounts;
import dev.openprofile.http.AdminEndpoint;
import dev.openprofile.metrics.MetricRoutes;
import dev.openprofile.metrics.MetricService;
import dev.openprofile.jobs.JobHandler;
import dev.openprofile.jobs.JobQueue;
import dev.openprofile.jobs.JobWorkers;
import dev.openprofile.profiles.SubscriptionsView;
import dev.openprofile.flows.Flows;
import dev.openprofile.forms.Forms;
import dev.openprofile.customobjects.CustomObjectDefinitions;
import dev.openprofile.campaigns.Campaigns;
import dev.openprofile.reporting.Reporting;
import dev.openprofile.lists.ListRoutes;
import dev.openprofile.lists.ListService;
import dev.openprofile.profiles.ClientProfileRoutes;
import dev.openprofile.profiles.ProfileRoutes;
import dev.openprofile.profiles.MergeRoutes;
import dev.openprofile.profiles.ProfileData;
import dev.openprofile.profiles.ProfileMerge;
import dev.openprofile.privacy.PrivacyRoutes;
import dev.openprofile.ratelimit.RateLimiter;
import dev.openprofile.privacy.ProfileDeletion;
import dev.openprofile.lists.ListProfileData;
import dev.openprofile.consent.ConsentProfileData;
import dev.openprofile.events.EventProfileData;
import dev.openprofile.imports.ImportProfileData;
import dev.openprofile.segments.SegmentProfileData;
import dev.openprofile.profiles.ProfileService;
import dev.openprofile.pushtokens.PushTokenRoutes;
import dev.openprofile.pushtokens.PushTokenService;
import dev.openprofile.segments.SegmentRefresher;
import dev.openprofile.segments.SegmentRoutes;
import dev.openprofile.segments.SegmentService;
import dev.openprofile.segments.engine.References;
import dev.openprofile.operator.OperatorControls;
import dev.openprofile.outbox.Outboxes;
import dev.openprofile.state.StateAdminRoutes;
import dev.openprofile.store.Database;
import dev.openprofile.telemetry.Telemetry;
import dev.openprofile.store.Jdbc;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The composition root: builds every component by hand, in dependency order. */
public final class App implements AutoCloseable {
    public static final String DEFAULT_ACCOUNT = AccountStore.DEFAULT_ACCOUNT;
    /** How often every account's segments are brought up to date without a read (reads do it first anyway). */
    private static final java.time.Duration SEGMENT_REFRESH = java.time.Duration.ofMinutes(1);

    private final Database database;
    private final HttpServer http;
    private final JobWorkers workers;
    private final SegmentRefresher segmentRefresher;
    private final Settings settings;
    private final OperatorControls operator;
    private final List<ResourceKind> resourceKinds;
    private final Webhooks webhooks;
    private final Outboxes outboxes;
    private final ObjectRecords objectRecords;
    private final Console console;

    private App(Database database, HttpServer http, JobWorkers workers, SegmentRefresher segmentRefresher,
                Settings settings, OperatorControls operator, List<ResourceKind> resourceKinds, Webhooks webhooks, Outboxes outboxes,
                ObjectRecords objectRecords, Console console) {
        this.objectRecords = objectRecords;
        this.console = console;
        this.webhooks = webhooks;
        this.outboxes = outboxes;
        this.operator = operator;
        this.resourceKinds = resourceKinds;
        this.database = database;
        this.http = http;
        this.workers = workers;
        this.segmentRefresher = segmentRefresher;
        this.settings = settings;
    }

    /** @param realClock real time (a MutableClock in tests); components get the operator's clock built on it */
    public static App start(Settings requested, Clock realClock, PrintStream out) {
        Settings settings = requested.port() == 0 ? requested.withPort(freePort()) : requested;
        Database database = Database.start(settings.databaseUrl(), settings.dataDir(), settings.databaseSchema(), 32);
        database.superviseEmbedded();
        OperatorControls operator = null;
        Webhooks webhooks = null;
        Outboxes outboxes = null;
        ObjectRecords objectRecords = null;
        try {
            Supplier<String> ids = () -> UlidCreator.getMonotonicUlid().toString();
            Jdbc jdbc = new Jdbc(database.dataSource());
            // Issue 13, the operator's view: metrics, and the controllable clock every component below reads.
            Telemetry telemetry = new Telemetry();
            database.instrument(telemetry.registry());
            operator = OperatorControls.start(jdbc, realClock, settings.journalSize());
            Clock clock = operator.clock();
            AccountStore accounts = new AccountStore(jdbc);
            bootstrapDefaultAccount(accounts, settings, ids, out);
            AdminAccounts adminAccounts = name -> accounts.account(name).map(AccountStore.Account::accountId);
            // Issue 16: the outbox of emulated messages (a send job records into outboxes.outbox()), its retention and
            // its SMTP relay when one is configured.
            outboxes = Outboxes.start(jdbc, clock, settings.outbox(), adminAccounts);

            OperationCatalog catalog = OperationCatalog.load();
            Links links = new Links(settings.baseUrl());
            List<Endpoint> endpoints = new ArrayList<>();
            ConsentService[] consent = new ConsentService[1];
            // An anonymous visitor identified as another profile is merged into it by the merge every feature takes part in.
            ProfileMerge[] merges = new ProfileMerge[1];
            ProfileService profiles = new ProfileService(jdbc, clock, ids, new SubscriptionsView(
                    (account, profileIds) -> consent[0].subscriptions(account, profileIds),
                    ConsentQueries.FILTERS, ConsentQueries.SORT_KEYS), PushTokenQueries.MEMBER_FILTERS,
                    (c, account, source, destination) -> merges[0].mergeLocked(c, account, source, destination));
            // Issue 14: the plain resources, served by the resource kit from their declarations (lists, catalogs).
            ResourceKit kit = new ResourceKit(jdbc, clock, links);
            ListService listService = ListService.register(kit, jdbc, profiles, clock, ApiKeys::newPublicKey, accounts::defaultOptIn);
            ListRoutes lists = new ListRoutes(listService, profiles, links);
            MetricService metrics = new MetricService(jdbc, clock, ApiKeys::newPublicKey, ids);
            SegmentService segmentService = new SegmentService(jdbc, profiles, new References() {
                public boolean listExists(String accountId, String listId) {
                    return listService.exists(accountId, listId);
                }

                public boolean metricExists(String accountId, String metricId) {
                    return metrics.exists(accountId, metricId);
                }
            }, clock, ApiKeys::newPublicKey);
            // Issue 16: templates and universal content on the kit; cloning and rendering are the feature's own.
            Templates templates = Templates.register(kit, ApiKeys::newPublicKey, ids, clock);
            endpoints.addAll(templates.endpoints());
            // Issue 16: flows, their actions and messages; lists, segments and metrics show the flows they trigger.
            RequestSchemas requestSchemas = RequestSchemas.load(); // flow and form definitions' schemas, compiled once per JVM
            Flows flows = Flows.register(kit, jdbc, links, ApiKeys::newPublicKey, (account, kind, id) -> switch (kind) {
                case "list" -> listService.exists(account, id);
                case "segment" -> segmentService.unknownIds(account, List.of(id)).isEmpty();
                case "metric" -> metrics.exists(account, id);
                case "template" -> templates.exists(account, id);
                default -> throw new IllegalArgumentException(kind);
            }, requestSchemas);
            endpoints.addAll(flows.endpoints());
            // Issue 17: forms and their versions; a form's definition is held against the same schemas.
            Forms forms = Forms.register(kit, jdbc, links, ApiKeys::newPublicKey, requestSchemas);
            endpoints.addAll(forms.endpoints());
            kit.supplyInclude("list", "flow-triggers", flows.triggersOf("list"));
            // Issue 16: campaigns and their messages; an audience names lists or segments, a message gets a template's copy.
            Campaigns campaigns = Campaigns.register(kit, jdbc, ids, (account, id) -> listService.exists(account, id)
                    || segmentService.unknownIds(account, List.of(id)).isEmpty(), templates::copy);
            endpoints.addAll(campaigns.endpoints());
            // Tags label lists, segments, flows and campaigns; they show their tags through it.
            Tags tags = Tags.register(kit, jdbc, clock, links, listService::unknownIds, segmentService::unknownIds, flows::unknownIds,
                    campaigns::unknownIds);
            endpoints.addAll(tags.endpoints());
            SegmentRoutes segments = new SegmentRoutes(segmentService, profiles, links, tags.segmentTags(), flows.triggersOf("segment"));
            ConversationService conversationService = new ConversationService(jdbc, profiles, clock, ids);
            ConversationRoutes conversations = new ConversationRoutes(conversationService, links);
            endpoints.addAll(conversations.endpoints());
            PushTokenService pushTokens = new PushTokenService(jdbc, profiles, clock, ids);
            PushTokenRoutes pushTokenRoutes = new PushTokenRoutes(pushTokens, profiles, links);
            endpoints.addAll(pushTokenRoutes.endpoints());
            endpoints.addAll(new ProfileRoutes(profiles, links, Map.of("lists", lists.listsOfProfileIncluder(),
                    "segments", segments.segmentsOfProfileIncluder(),
                    "push-tokens", pushTokenRoutes.tokensOfProfileIncluder(),
                    "conversations", conversations.conversationsOfProfileIncluder())).endpoints());
            endpoints.addAll(lists.endpoints());
            endpoints.addAll(new ClientProfileRoutes(profiles).endpoints());
            endpoints.addAll(segments.endpoints());
            JobWorkers[] workers = new JobWorkers[1];
            // Issue 15: webhooks, and the outbox consent changes write their deliveries to, in their own transactions.
            webhooks = Webhooks.start(jdbc, database.dataSource(), clock, ids, links, settings.webhooks(),
                    id -> accounts.accountById(id).map(AccountStore.Account::publicKey), adminAccounts);
            endpoints.addAll(webhooks.endpoints());
            ImportService imports = new ImportService(jdbc, profiles, listService, clock, ids, () -> workers[0].wake());
            endpoints.addAll(new ImportRoutes(imports, profiles, listService, links).endpoints());
            consent[0] = new ConsentService(jdbc, profiles, listService, clock, ids, new ConsentService.AccountSettings(
                    accounts::defaultOptIn, id -> UnsubscribeScope.fromWire(accounts.unsubscribeScope(id)).orElseThrow(),
                    accounts::smsAgeGate),
                    segmentService::allMemberIds, () -> workers[0].wake(), pushTokens, webhooks.outbox()::emit);
            endpoints.addAll(new ConsentRoutes(consent[0], links, clock).endpoints());
            endpoints.addAll(new ClientSubscriptionRoutes(consent[0], clock).endpoints());
            endpoints.addAll(new MetricRoutes(metrics, links, flows.triggersOf("metric")).endpoints());
            EventService events = new EventService(jdbc, profiles, metrics, clock, ids, () -> workers[0].wake());
            endpoints.addAll(new EventRoutes(events, profiles, metrics, links, clock).endpoints());
            AccountSettingsService accountSettings = new AccountSettingsService(accounts, ids);
            endpoints.addAll(new AccountRoutes(accountSettings, links).endpoints());
            BackInStockService[] backInStock = new BackInStockService[1];
            Catalogs catalogs = Catalogs.register(kit, (c, account, variants) -> backInStock[0].variantsDeleted(c, account, variants));
            WebFeedKind.register(kit);
            // Issue 16: custom metrics on the kit, and the mapped metrics' conversion roles.
            endpoints.addAll(CustomMetrics.register(kit, jdbc, clock, links, metrics).endpoints());
            endpoints.addAll(new TrackingSettings(jdbc, clock, links).endpoints());
            Coupons coupons = Coupons.register(kit, clock);
            Images images = Images.register(kit, jdbc, settings.images(), settings.baseUrl());
            endpoints.addAll(images.endpoints());
            // Issue 17: reviews on the kit (private reads and moderation), submitted and read publicly by /client.
            Reviews reviews = Reviews.register(kit, jdbc, profiles, events, clock, links, CatalogKinds.ITEM);
            endpoints.addAll(reviews.endpoints());
            // Issue 17: custom objects' records: ingestion (single, bulk jobs, the backfill on activation), records, logs.
            objectRecords = ObjectRecords.start(jdbc, profiles, clock, ids, links, () -> workers[0].wake());
            endpoints.addAll(objectRecords.endpoints());
            // Issue 17: custom object definitions (data sources on the kit; types, schemas, mappings on their own routes).
            endpoints.addAll(CustomObjectDefinitions.register(kit, jdbc, clock, links, ids, requestSchemas, objectRecords.activation()).endpoints());
            endpoints.addAll(kit.endpoints());
            CatalogBulkJobs catalogJobs = new CatalogBulkJobs(jdbc, BulkFamily.all(catalogs), clock, ids, () -> workers[0].wake());
            endpoints.addAll(new CatalogBulkRoutes(catalogJobs, kit.renderer(), links).endpoints());
            // Coupon code bulk create jobs run on the catalogs' bulk-job code (one more family).
            CatalogBulkJobs couponJobs = new CatalogBulkJobs(jdbc, List.of(coupons.bulkCreate()), clock, ids, () -> workers[0].wake());
            endpoints.addAll(new CatalogBulkRoutes(couponJobs, kit.renderer(), links).endpoints());
            backInStock[0] = new BackInStockService(jdbc, profiles, events, catalogs.variants()::exists, clock, ids);
            endpoints.addAll(new BackInStockRoutes(backInStock[0]).endpoints());
            endpoints.addAll(new AggregateRoutes(new AggregateService(jdbc, metrics), links).endpoints());
            // Issue 16: campaign sending, emulated: rendered per recipient into the outbox, recorded as Received events
            // on the profiles and as webhook deliveries of the message topics.
            var webhookOutbox = webhooks.outbox();
            Campaigns.SendingFeature sending = campaigns.sending(new Campaigns.Sending(clock, links, events, outboxes.outbox(),
                    templates.renderer(), (c, account, id) -> templates.service().find(c, account, id)
                            .map(t -> new Campaigns.TemplateContent(textOf(t.attributes().get("html")), textOf(t.attributes().get("text"))))
                            .orElse(null),
                    (c, account, metric, at, sent) -> webhookOutbox.emitAll(c, account, metric, at,
                            sent.stream().map(m -> Map.entry(m.profileId(), m.properties())).toList()),
                    segmentService::catchUp, () -> workers[0].wake()));
            endpoints.addAll(sending.endpoints());
            // Issue 16: the Reporting API, computed from message and form events and the segments' membership history.
            endpoints.addAll(new Reporting(jdbc, metrics, account -> java.time.ZoneId.of(accounts.timezone(account)),
                    segmentService::catchUp, clock, links).endpoints());
            // Merges and data-privacy deletions (issue 12) reach every feature's rows about profiles through these.
            // Segments last: the others' writes record the profile for re-evaluation (V11 triggers), which it clears.
            List<ProfileData> profileData = List.of(new ListProfileData(), new ConsentProfileData(), new EventProfileData(),
                    new ImportProfileData(), conversationService, pushTokens.profileData(), backInStock[0],
                    new SegmentProfileData(clock), new dev.openprofile.coupons.CouponProfileData(),
                    new dev.openprofile.webhooks.WebhookProfileData(), outboxes.profileData(), sending.profileData(),
                    reviews.profileData(), objectRecords.profileData(), profiles.profileData());
            ProfileMerge merge = new ProfileMerge(jdbc, clock, ids, profileData, () -> workers[0].wake());
            merges[0] = merge;
            ProfileDeletion deletion = new ProfileDeletion(jdbc, profiles, profileData, clock, ids, () -> workers[0].wake());
            endpoints.addAll(new MergeRoutes(merge, links).endpoints());
            endpoints.addAll(new PrivacyRoutes(deletion).endpoints());
            // The pages a sent message links to (its unsubscribe, preferences and web view), by their tokens.
            MessagePages messagePages = new MessagePages(jdbc, consent[0], events, clock);
            List<JobHandler> handlers = new ArrayList<>(List.of(imports, events, merge, deletion));
            handlers.addAll(sending.handlers());
            handlers.addAll(consent[0].handlers());
            handlers.addAll(catalogJobs.handlers());
            handlers.addAll(couponJobs.handlers());
            handlers.addAll(objectRecords.handlers());
            workers[0] = new JobWorkers(jdbc, clock, operator.clock().base(), settings.jobLease(), handlers, telemetry)
                    .start(settings.jobWorkers());

            List<AdminEndpoint> admin = new ArrayList<>(new ConsentAdminRoutes(consent[0], profiles,
                    adminAccounts).endpoints());
            admin.addAll(new AccountAdminRoutes(accountSettings).endpoints());
            admin.addAll(new KeyAdminRoutes(accounts, ids).endpoints());
            admin.addAll(webhooks.adminEndpoints());
            admin.addAll(outboxes.adminEndpoints());
            admin.addAll(new ConversationAdminRoutes(conversationService,
                    adminAccounts).endpoints());
            ClientConfigService clientConfig = new ClientConfigService(jdbc, clock);
            endpoints.addAll(new ClientConfigRoutes(clientConfig, links).endpoints());
            admin.addAll(new ClientConfigAdminRoutes(clientConfig,
                    adminAccounts, ids).endpoints());
            // Reset, export and import of an account's state (issue 13); each cache of an account's objects is forgotten.
            admin.addAll(new StateAdminRoutes(jdbc, accounts, List.of(metrics::forget, segmentService::forget,
                    images::forget)).endpoints());
            admin.addAll(operator.adminEndpoints(accounts, catalog, ids));
            // Issue 18: the web console, for the operator (admin key) and one account at a time (its private key).
            // Its pages act through the API's and the admin API's own endpoints, called in process.
            Console.Kit consoleKit = new Console.Kit(new InProcessApi(catalog, endpoints, admin), accounts);
            // Sessions idle out in real time: setting the operator's clock ahead from the console must not log everyone out.
            Console console = new Console(jdbc, accounts, settings.console(), settings.adminKey(), settings.baseUrl(),
                    operator.clock().base(), consoleKit,
                    new AccountCounts(List.of(new AccountCounts.Kind("Profiles", profiles::count),
                            new AccountCounts.Kind("Lists", listService::count), new AccountCounts.Kind("Segments", segmentService::count),
                            new AccountCounts.Kind("Events", events::count))),
                    List.of(new ListsSection(consoleKit), new SegmentsSection(consoleKit), new EventsSection(consoleKit),
                            new MetricsSection(consoleKit, clock), new JobsSection(consoleKit, new JobQueue(jdbc)),
                            new KeysSection(consoleKit), new OutboxSection(consoleKit), new WebhooksSection(consoleKit),
                            new OperatorSection(consoleKit), new OperatorFaults(consoleKit), new ImportSection(consoleKit),
                            new ProfilesSection(consoleKit)));
            // The key caches expire in real time: a frozen operator's clock must not keep a revoked key working.
            HttpServer http = new HttpServer(catalog, new Authenticator(accounts, operator.clock().base()), clock, endpoints, admin,
                    List.of(images.files()), messagePages.routes(), console.routes(), settings.adminKey(), database::available, operator.hooks(telemetry, settings.jsonLog()),
                    RateLimiter.start(settings.rateLimits(), catalog, clock, database.dataSource())).start(settings.port());
            return new App(database, http, workers[0], segmentService.startRefresher(SEGMENT_REFRESH), settings, operator,
                    kit.kinds(), webhooks, outboxes, objectRecords, console);
        } catch (RuntimeException e) {
            if (objectRecords != null) objectRecords.close();
            if (webhooks != null) webhooks.close();
            if (outboxes != null) outboxes.close();
            if (operator != null) operator.close();
            database.close();
            throw e;
        }
    }

    private static String textOf(com.fasterxml.jackson.databind.JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The default account holds OPENPROFILE_API_KEY, or a key generated and printed once on first start. */
    private static void bootstrapDefaultAccount(AccountStore accounts, Settings settings, Supplier<String> ids,
                                                PrintStream out) {
        AccountStore.Account account = accounts.ensureAccount(DEFAULT_ACCOUNT, settings.publicKey(), ids.get());
        Set<String> all = Set.of(Principal.ALL_SCOPES);
        if (settings.apiKey().isPresent()) {
            byte[] hash = ApiKeys.hash(settings.apiKey().get());
            Optional<String> owner = accounts.accountOfKey(hash);
            if (owner.isEmpty()) accounts.insertKey(account.accountId(), ids.get(), hash, Settings.API_KEY, all);
            else if (!owner.get().equals(account.accountId())) {
                throw new Settings.SettingsException(Settings.API_KEY + " already belongs to another account");
            }
        } else if (!accounts.hasKeys(account.accountId())) {
            String key = ApiKeys.newPrivateKey();
            accounts.insertKey(account.accountId(), ids.get(), ApiKeys.hash(key), "generated on first start", all);
            out.println("Generated a private API key for the default account (shown once, store it now):");
            out.println("  " + key);
        }
        out.println("Default account public key (company id): " + account.publicKey());
    }

    public int port() {
        return http.port();
    }

    public Settings settings() {
        return settings;
    }

    /** The console's routes, "METHOD path ACCESS" each (the security tests open every one). */
    public List<String> consoleRoutes() {
        return console.describeRoutes();
    }

    /** The declarations the resource kit serves (a test holds each against the spec). */
    public List<ResourceKind> resourceKinds() {
        return resourceKinds;
    }

    @Override
    public void close() {
        http.close();
        segmentRefresher.close();
        workers.close();
        webhooks.close();
        outboxes.close();
        objectRecords.close();
        operator.close();
        database.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
