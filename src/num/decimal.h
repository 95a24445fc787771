// Decimal: an exact decimal number as written in a rule file. Points are compared as
// decimals (children of 0.1 and 0.2 match a group of 0.3, rule-language §16), percentages are the
// double nearest to the decimal they write ("12.5%" -> 0.125), and a quota q x N is
// computed exactly in decimal.
#ifndef ASSESS_NUM_DECIMAL_H_
#define ASSESS_NUM_DECIMAL_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace assess {

// value = coefficient x 10^exponent, exactly. At most 36 significant digits; operations
// that would need more fail (return nullopt) rather than lose digits.
class Decimal {
 public:
  Decimal() = default;
  static Decimal FromInt(long long v) { return Decimal(v, 0); }

  // Parses `[+-]digits[.digits][(e|E)[+-]digits]` with an optional trailing `%` (which
  // divides by 100 exactly). No spaces, no NaN or infinities. Also accepts ".5" and "5.".
  static std::optional<Decimal> Parse(std::string_view text);

  std::optional<Decimal> Add(const Decimal& other) const;
  std::optional<Decimal> Multiply(const Decimal& other) const;

  // The double nearest to this decimal (correctly rounded).
  double ToDouble() const;
  // Shortest text: "0.3", "-12.5", "40". Integers have no decimal point.
  std::string ToString() const;

  long long Floor() const;        // largest integer <= value (saturates)
  long long RoundHalfUp() const;  // nearest integer, halves up (toward +infinity)

  bool is_negative() const { return coefficient_ < 0; }
  bool is_zero() const { return coefficient_ == 0; }

  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

 private:
  Decimal(__int128 c, int e) : coefficient_(c), exponent_(e) {}
  __int128 coefficient_ = 0;
  int exponent_ = 0;
};

}  // namespace assess

#endif  // ASSESS_NUM_DECIMAL_H_
