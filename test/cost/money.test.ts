import { cents, decimalString, div, mul, sum, usd } from "../../model/money";

describe("money", () => {
  it("multiplies without binary noise", () => {
    expect(730 * 0.0128).not.toBe(9.344); // the float drift we avoid
    expect(mul(730, 0.0128)).toBe(9.344);
    expect(mul(2190, 0.0168)).toBe(36.792);
    expect(mul(730, 0.0168)).toBe(12.264);
    expect(mul(730, 0.0225)).toBe(16.425);
    expect(mul(730, 2, 0.005)).toBe(7.3);
  });

  it("sums exactly and rounds to cents only when formatting", () => {
    expect(sum([0.1, 0.2])).toBe(0.3);
    expect(sum([16.425, 5.84, 7.3])).toBe(29.565);
    expect(decimalString(16.425, 2)).toBe("16.43"); // half away from zero, not toFixed's 16.42
    expect(cents(1.005)).toBe(1.01);
    expect(decimalString(12.264)).toBe("12.264");
    expect(decimalString(1e-7)).toBe("0.0000001");
    expect(decimalString(3, 2)).toBe("3.00");
    expect(usd(-1)).toBe("-$1.00");
  });

  it("sums as many amounts as a program of 100,000s of resources has (no argument-list limit)", () => {
    expect(sum(Array.from({ length: 300_000 }, () => 0.01))).toBe(3000);
  });

  it("divides to 12 decimals", () => {
    expect(div(328_500_000, 10_000)).toBe(32_850);
    expect(div(1, 3)).toBe(0.333333333333);
  });
});
