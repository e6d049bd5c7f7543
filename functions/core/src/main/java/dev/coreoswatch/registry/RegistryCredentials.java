package dev.coreoswatch.registry;

import dev.coreoswatch.model.Secret;

/** Username and password (or PAT) for one registry host; never sent anywhere else. */
public record RegistryCredentials(String username, Secret password) {}
