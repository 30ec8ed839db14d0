// The rate limiter's own cost, without HTTP around it (bench/operator-overhead.sh):
//
//   java -cp openprofile.jar bench/RateLimiterDraw.java MULTIPLE ACCOUNTS WARMUP RUNS
//
// Draws create_or_update_profile's buckets (in memory, as a single node does) RUNS times after WARMUP times,
// round-robin over ACCOUNTS accounts, on one thread, with Klaviyo's numbers times MULTIPLE and the system clock;
// prints DRAW_NS=<nanoseconds a draw> and THROTTLED=<draws refused>.
import dev.openprofile.config.RateLimitSettings;
import dev.openprofile.jsonapi.Operation;
import dev.openprofile.jsonapi.OperationCatalog;
import dev.openprofile.ratelimit.RateLimiter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public class RateLimiterDraw {
    public static void main(String[] args) {
        int multiple = Integer.parseInt(args[0]);
        int accounts = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        OperationCatalog catalog = OperationCatalog.load();
        Operation upsert = catalog.get("create_or_update_profile");
        RateLimiter limiter = RateLimiter.start(new RateLimitSettings(multiple, RateLimitSettings.Backend.MEMORY,
                Optional.empty()), catalog, Clock.systemUTC(), null);
        String[] ids = new String[accounts];
        for (int i = 0; i < accounts; i++) ids[i] = "01BENCHACCOUNT" + i;
        List<Map.Entry<String, String>> query = List.of();
        long throttled = 0;
        for (int i = 0; i < warmup; i++) limiter.draw(ids[i % accounts], upsert, query);
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            if (limiter.draw(ids[i % accounts], upsert, query) instanceof RateLimiter.Throttled) throttled++;
        }
        long ns = System.nanoTime() - t0;
        System.out.printf("DRAW_NS=%.0f%nTHROTTLED=%d%n", (double) ns / runs, throttled);
    }
}
