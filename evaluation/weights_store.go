package evaluation

// WeightTx is the storage of weight sets and expert judgments.
type WeightTx interface{}
