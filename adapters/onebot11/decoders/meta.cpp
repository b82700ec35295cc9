#include "adapters/onebot11/decoders/decoders.hpp"

namespace adapters::onebot11::decoders {

using phase = bot::ev::lifecycle::phase;

decoded lifecycle(frame const& f) {
    auto how = opt_string(f.j, "sub_type");
    // connect: a WebSocket just opened; enable / disable: OneBot itself switched on or off.
    if (how == "connect" || how == "enable") return decoded::meta_of(f.make(bot::ev::lifecycle{phase::connected}));
    if (how == "disable") return decoded::meta_of(f.make(bot::ev::lifecycle{phase::disconnected}));
    return decoded::ignore("meta_event.lifecycle: unknown sub_type \"" + how + "\"");
}

decoded heartbeat(frame const& f) {
    std::optional<std::chrono::milliseconds> interval;
    if (auto ms = opt_int(f.j, "interval"); ms && *ms > 0) interval = std::chrono::milliseconds{*ms};
    return decoded::meta_of(f.make(bot::ev::lifecycle{phase::heartbeat}), interval);
}

}  // namespace adapters::onebot11::decoders
