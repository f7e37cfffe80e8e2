#pragma once
// Colours for people: WCAG 2.x relative luminance and contrast, the text colour for a fill, and the
// colour-blind-safe palettes the views share.
#include <optional>
#include <string_view>

namespace qchain::visualization {

struct Rgb {
  double r = 0, g = 0, b = 0;  // sRGB channels in [0, 1]
};

// "#rgb", "#rrggbb", "#rrggbbaa" (the alpha ignored) or one of the few colour names the views and
// Graphviz's SVG use (white, black, none, transparent); nothing otherwise (and for none/transparent).
std::optional<Rgb> parse_colour(std::string_view colour);
// WCAG 2.x relative luminance of an sRGB colour: 0 (black) to 1 (white).
double relative_luminance(const Rgb& c);
// WCAG 2.x contrast ratio, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 to 21.
double contrast_ratio(const Rgb& a, const Rgb& b);
// The text colour for a fill: black or white, whichever contrasts more ("#000000" for anything unparsable).
const char* text_colour_on(std::string_view fill);
// WCAG AA for normal text.
inline constexpr double kMinContrast = 4.5;

// Okabe & Ito's colour-blind-safe categorical palette.
namespace okabe_ito {
inline constexpr const char* orange = "#E69F00";
inline constexpr const char* sky_blue = "#56B4E9";
inline constexpr const char* bluish_green = "#009E73";
inline constexpr const char* yellow = "#F0E442";
inline constexpr const char* blue = "#0072B2";
inline constexpr const char* vermillion = "#D55E00";
inline constexpr const char* reddish_purple = "#CC79A7";
}  // namespace okabe_ito

}  // namespace qchain::visualization
