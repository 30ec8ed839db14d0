/**
 * Flows (issue 16): flows, their actions and messages, declared for the resource kit, with what is their own: a
 * definition's create with temporary ids, the status that moves the actions with it, an action's replacement and
 * deletion, and the flow triggers of lists, segments and metrics. Live flows do not run (docs/compatibility.md).
 */
package dev.openprofile.flows;
