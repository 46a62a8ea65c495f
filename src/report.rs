//! Indicators and periods: the catalogue, period arithmetic, aggregation up the unit tree,
//! deadlines and missing units. Owned by the indicators work (issue 4).
