/** What the headless face says when there is no D-Bus session bus to show notifications on. */
export const NO_SESSION_BUS = 'no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS is not set';
