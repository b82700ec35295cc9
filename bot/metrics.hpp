#pragma once
/// Counters and histograms for operators, written out in the Prometheus text format on the
/// console's `/metrics`. Names follow Prometheus conventions (`qunbot_..._total`, `_seconds`).
/// Label values may come from anywhere (an account ID, a rule name); they are escaped on output.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bot {

class metrics {
public:
    using labels = std::vector<std::pair<std::string, std::string>>;

    /// Declares a family with its help line; counting into an undeclared family declares it as untyped.
    void counter(std::string name, std::string help);
    void histogram(std::string name, std::string help, std::vector<double> bounds);
    /// A gauge read when the metrics are written (a queue depth, a row count).
    void gauge(std::string name, std::string help, std::function<double()> read);
    /// A counter kept elsewhere (a library's own count), read when the metrics are written.
    void counter_read(std::string name, std::string help, std::function<double()> read);
    /// A gauge with labels, read when the metrics are written: one value per label set.
    void gauges(std::string name, std::string help, std::function<std::vector<std::pair<labels, double>>()> read);

    void add(std::string_view name, labels const& l = {}, double n = 1);
    void observe(std::string_view name, labels const& l, double value);

    /// The value of one counter series (0 when it was never counted); for the console and tests.
    double value(std::string_view name, labels const& l = {}) const;
    /// The sum of a counter family over all its label sets.
    double total(std::string_view name) const;
    /// Every series of a counter family: label set → value.
    std::vector<std::pair<labels, double>> series(std::string_view name) const;
    /// Observations and their sum for a histogram series.
    std::pair<std::uint64_t, double> summary(std::string_view name, labels const& l = {}) const;

    /// The whole registry in the Prometheus text exposition format (version 0.0.4).
    std::string prometheus() const;

    /// `{a="x",b="y"}` with values escaped as the format requires; empty for no labels.
    static std::string label_text(labels const& l);

private:
    struct hist {
        std::vector<std::uint64_t> counts;  ///< one per bound, not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };
    struct family {
        std::string type = "untyped";
        std::string help;
        std::vector<double> bounds;
        std::map<std::string, std::pair<labels, double>> values;
        std::map<std::string, std::pair<labels, hist>> hists;
        std::function<double()> read;
        std::function<std::vector<std::pair<labels, double>>()> read_many;
    };
    family& at(std::string_view name);
    std::map<std::string, family, std::less<>> families_;
};

}  // namespace bot
