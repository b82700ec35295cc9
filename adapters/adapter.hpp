#pragma once
/// What every protocol adapter offers the executable: start after the core, stop on shutdown.

#include <string>

namespace adapters {

/// A protocol adapter: it owns its wire format, turns frames into bot::event and posts them to the
/// core, and implements bot::platform for the accounts it serves.
class adapter {
public:
    virtual ~adapter() = default;
    virtual std::string name() const = 0;
    /// Starts listening or connecting; called once the core has started.
    virtual void start() = 0;
    /// Begins a graceful shutdown: close connections after queued writes.
    virtual void stop() = 0;
};

}  // namespace adapters
