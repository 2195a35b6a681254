// The fake Google is a product module now (the demo account's sample
// provider, src/main/core/demo/sample-google); tests keep importing it here.
export * from '../../../src/main/core/demo/sample-google/index';
