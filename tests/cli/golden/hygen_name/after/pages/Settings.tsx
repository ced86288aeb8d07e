export default function SettingsPage() { return "settings"; }
