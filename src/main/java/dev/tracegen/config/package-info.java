/** Run configuration read once while the pipeline is built: the run profile and the prompt templates. */
package dev.tracegen.config;
