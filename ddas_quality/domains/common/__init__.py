"""Building blocks both domains use: `values` (tolerant JSON readers for flatten), `levering` (F06, L01, L03,
L04 columns), `plausibility` (the inhabitant ratio of A01/A02 and V10) and `synthetic` (what both generators
share: defect records, the injection loop, test BSNs, names, periods, writing a delivery)."""
